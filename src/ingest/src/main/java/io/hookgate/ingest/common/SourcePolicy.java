package io.hookgate.ingest.common;

import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What applies to one inbound source's calls: who may call (an empty allowlist admits any address; the block list and
 * the addresses blocked for suspicious activity win over it), how many calls per window, and for CCPayment the oldest
 * price a conversion may use. An admin's {@code source_policy} row wins over the deployment's configuration, field by
 * field.
 */
public record SourcePolicy(String source, List<IpSubnetFilterRule> allowlist, List<IpSubnetFilterRule> blocklist,
                           Set<String> blockedAddresses, long rateLimit, Duration rateWindow, Optional<Duration> priceMaxAge) {

    /** A policy with no block list and nothing blocked. */
    public SourcePolicy(String source, List<IpSubnetFilterRule> allowlist, long rateLimit, Duration rateWindow, Optional<Duration> priceMaxAge) {
        this(source, allowlist, List.of(), Set.of(), rateLimit, rateWindow, priceMaxAge);
    }
}
