package io.hookgate.admin.stats;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Seed 003's delivery statistics per event type: deliveries, average attempts, how many succeeded or were dead-lettered. */
@RegisterForReflection
public record EventTypeStats(String event, long totalDeliveries, double avgAttempts, long successful, long failed, long pending) {
}
