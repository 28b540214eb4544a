package io.hookgate.ingest.common;

import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What applies to one inbound source's calls: who may call (an empty allowlist admits any address), how many calls
 * per window, and for CCPayment the oldest price a conversion may use. An admin's {@code source_policy} row wins over
 * the deployment's configuration, field by field.
 */
public record SourcePolicy(String source, List<IpSubnetFilterRule> allowlist, long rateLimit, Duration rateWindow,
                           Optional<Duration> priceMaxAge) {
}
