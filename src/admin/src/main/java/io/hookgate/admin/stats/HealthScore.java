package io.hookgate.admin.stats;

import io.hookgate.endpoint.Endpoint;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An endpoint's health from 0 to 100: 50% delivery success rate, 30% attempt success ("uptime"), 20% latency (full
 * marks while the p95 response time is at most 1 s, none once it reaches the endpoint's timeout). What was not
 * measured counts as perfect. An open circuit caps the score at 25; a disabled endpoint scores 0. Labels: healthy
 * (90+), degraded (60–89), failing (below 60), disabled. Analytics score each hour or day of figures the same way.
 */
@RegisterForReflection
record HealthScore(int score, String label) {

    static HealthScore of(Endpoint endpoint, Double successRate, Double uptime, Double p95Millis) {
        if (!endpoint.active) {
            return new HealthScore(0, "disabled");
        }
        int score = measured(endpoint.timeoutMs, successRate, uptime, p95Millis);
        if (endpoint.circuitOpenedAt != null) {
            score = Math.min(score, 25);
        }
        return new HealthScore(score, score >= 90 ? "healthy" : score >= 60 ? "degraded" : "failing");
    }

    /**
     * The score of the figures alone, as a past hour or day of them scored: no circuit cap, no disabled zero, null
     * when nothing was measured.
     */
    static Integer ofPeriod(int timeoutMs, Double successRate, Double uptime, Double p95Millis) {
        return successRate == null && uptime == null && p95Millis == null ? null : measured(timeoutMs, successRate, uptime, p95Millis);
    }

    private static int measured(int timeoutMs, Double successRate, Double uptime, Double p95Millis) {
        double latency = 1.0;
        if (p95Millis != null) {
            double span = Math.max(1, timeoutMs - 1000);
            latency = Math.clamp(1 - (p95Millis - 1000) / span, 0.0, 1.0);
        }
        return (int) Math.round(50 * (successRate == null ? 1 : successRate) + 30 * (uptime == null ? 1 : uptime) + 20 * latency);
    }
}
