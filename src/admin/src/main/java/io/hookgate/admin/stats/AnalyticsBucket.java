package io.hookgate.admin.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/** One hour or day of an endpoint's deliveries (by creation) and attempts (by start), in UTC. */
@RegisterForReflection
public record AnalyticsBucket(OffsetDateTime start, long deliveries, long delivered, long failed, long attempts,
                              long successfulAttempts, Double averageResponseTime, Double p95ResponseTime) {
}
