package io.hookgate.ingest.common;

import io.smallrye.config.ConfigMapping;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Who may call the inbound routes: per-source IP allowlists and the proxies whose X-Forwarded-For is believed. */
@ConfigMapping(prefix = "hookgate.ingest.policy")
public interface SourcePolicyConfig {

    /**
     * Per source ({@code ccpayment}, {@code price-feed}, {@code analytics}), the addresses and CIDR ranges, IPv4 or
     * IPv6, that may call it. A source without a list accepts any address.
     */
    Map<String, List<String>> ipAllowlist();

    /**
     * Proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed. Behind API Gateway none is needed: the
     * client address is the one API Gateway reports. Without any, X-Forwarded-For is ignored.
     */
    Optional<List<String>> trustedProxies();
}
