package io.hookgate.admin.endpoint.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.endpoint.EndpointView;
import io.hookgate.admin.stats.EndpointSummary;
import io.hookgate.endpoint.RetryPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A webhook as seed 000's admin API shows it: its event names in seed 000's spelling, {@code statistics} over the
 * last 30 days and {@code lastTriggered}; {@code secret} only in the answer to its creation.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DegentalkWebhook(String id, String name, String url, List<String> events, boolean active, String profile, JsonNode filters,
                               RetryConfig retryConfig, OffsetDateTime lastTriggered, Statistics statistics, OffsetDateTime createdAt,
                               String secret) {

    /** Seed 000's figures: deliveries sent, the share delivered (0–1) and the mean response time in ms. */
    @RegisterForReflection
    public record Statistics(long totalSent, Double successRate, Double averageResponseTime) {
    }

    /** Seed 000's retryConfig, when the endpoint's policy is one it can express (exponential or fixed). */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetryConfig(int maxRetries, long retryDelay, double backoffMultiplier, Long maxDelay) {
    }

    private static RetryConfig retryConfig(RetryPolicy policy) {
        if (policy == null || policy.maxAttempts() == null || policy.baseDelayMs() == null
                || (policy.backoff() != RetryPolicy.Backoff.exponential && policy.backoff() != RetryPolicy.Backoff.fixed)) {
            return null;
        }
        double multiplier = policy.backoff() == RetryPolicy.Backoff.fixed ? 1.0 : policy.multiplier() == null ? 2.0 : policy.multiplier();
        return new RetryConfig(policy.maxAttempts() - 1, policy.baseDelayMs(), multiplier, policy.maxDelayMs());
    }

    static DegentalkWebhook of(EndpointView view, List<String> events, EndpointSummary summary) {
        EndpointSummary figures = summary == null ? new EndpointSummary(0, null, null, null) : summary;
        return new DegentalkWebhook(view.id(), view.name(), view.url(), events, view.active(), view.profile(), view.filters(), retryConfig(view.retryPolicy()),
                figures.lastTriggered(), new Statistics(figures.totalSent(), figures.successRate(), figures.averageResponseTime()),
                view.createdAt(), view.secret());
    }
}
