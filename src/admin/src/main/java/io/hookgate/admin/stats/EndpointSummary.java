package io.hookgate.admin.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * An endpoint's figures as seed 000's list shows them: deliveries attempted, the share delivered of those finished,
 * the mean attempt duration (ms) over the window, and when it was last given a delivery (ever).
 */
@RegisterForReflection
public record EndpointSummary(long totalSent, Double successRate, Double averageResponseTime, OffsetDateTime lastTriggered) {
}
