package io.hookgate.admin.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * One hour or day of an endpoint's deliveries (by creation) and attempts (by start), in UTC, with the endpoint stats'
 * rates and health score over just that hour or day: {@code successRate} delivered of finished, {@code uptime} 2xx
 * attempts of attempts, {@code errorRate} failed attempts of attempts, null where nothing was measured.
 */
@RegisterForReflection
public record AnalyticsBucket(OffsetDateTime start, long deliveries, long delivered, long failed, long attempts,
                              long successfulAttempts, long failedAttempts, Double successRate, Double uptime, Double errorRate,
                              Double averageResponseTime, Double p50ResponseTime, Double p95ResponseTime, Integer healthScore) {
}
