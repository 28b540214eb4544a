package io.hookgate.admin.stats;

import io.hookgate.endpoint.Endpoint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An endpoint's health from 0 to 100: 50% delivery success rate, 30% attempt success ("uptime"), 20% latency (full
 * marks while the p95 response time is at most 1 s, none once it reaches the endpoint's timeout). What was not
 * measured counts as perfect. An open circuit caps the score at 25; a disabled endpoint scores 0. Labels: healthy
 * (90+), degraded (60–89), failing (below 60), disabled.
 */
@RegisterForReflection
record HealthScore(int score, String label) {

    static HealthScore of(Endpoint endpoint, Double successRate, Double uptime, Double p95Millis) {
        if (!endpoint.active) {
            return new HealthScore(0, "disabled");
        }
        double latency = 1.0;
        if (p95Millis != null) {
            double span = Math.max(1, endpoint.timeoutMs - 1000);
            latency = Math.clamp(1 - (p95Millis - 1000) / span, 0.0, 1.0);
        }
        double value = 50 * (successRate == null ? 1 : successRate) + 30 * (uptime == null ? 1 : uptime) + 20 * latency;
        int score = (int) Math.round(value);
        if (endpoint.circuitOpenedAt != null) {
            score = Math.min(score, 25);
        }
        return new HealthScore(score, score >= 90 ? "healthy" : score >= 60 ? "degraded" : "failing");
    }
}
