package io.hookgate.admin.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An endpoint's delivery statistics over {@code [since, until)} (test sends left out). Rates are fractions (0.98);
 * times are milliseconds; a rate or time is null when nothing was measured. {@code errors} counts the failed attempts
 * by error category. {@code healthScore} (0–100) and {@code health} are defined in docs/api.md. The rate limit
 * figures are the endpoint's now: its configured deliveries per minute, the rate adaptive limiting holds it to, and
 * until when a Retry-After pauses it; {@code circuitOpenedAt} is set while its circuit is open.
 */
@RegisterForReflection
public record EndpointStats(String endpointId, OffsetDateTime since, OffsetDateTime until,
                            long totalSent, long delivered, long failed, long pending, Double successRate,
                            long attempts, Double uptime, Double errorRate, Map<String, Long> errors,
                            Double averageResponseTime, Double p95ResponseTime,
                            OffsetDateTime lastTriggered, int healthScore, String health,
                            int rateLimitPerMinute, double effectiveRateLimitPerMinute, OffsetDateTime throttledUntil,
                            OffsetDateTime circuitOpenedAt) {
}
