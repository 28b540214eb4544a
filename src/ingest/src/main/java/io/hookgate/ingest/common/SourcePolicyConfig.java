package io.hookgate.ingest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who may call the inbound routes: per-source IP allowlists and the proxies whose X-Forwarded-For is believed. */
@ConfigMapping(prefix = "hookgate.ingest.policy")
public interface SourcePolicyConfig {

    /**
     * Per source ({@code ccpayment}, {@code price-feed}, {@code analytics}, or an inbound source's id), the addresses
     * and CIDR ranges, IPv4 or IPv6, that may call it. A source without a list accepts any address. An admin's list
     * (table {@code source_policy}) replaces this one.
     */
    Map<String, List<String>> ipAllowlist();

    /**
     * Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. Behind API Gateway none is needed: the
     * client address is the one API Gateway reports. Without any, X-Forwarded-For is ignored.
     */
    Optional<List<String>> trustedProxies();

    /**
     * How long an instance keeps an admin's per-source policy (allowlist, rate limit, price age) before reading it
     * again; a change takes effect everywhere within this time. Zero reads it on every call.
     */
    @WithDefault("30s")
    Duration cacheTtl();
}
