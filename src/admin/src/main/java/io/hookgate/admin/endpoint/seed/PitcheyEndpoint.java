package io.hookgate.admin.endpoint.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hookgate.admin.endpoint.EndpointView;
import io.hookgate.endpoint.RetryPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as seed 004's API shows it, in its snake_case: {@code event_types}, {@code timeout} in seconds,
 * {@code retry_policy {max_attempts, backoff_type, base_delay, …}}, {@code is_active}; {@code secret} only in the
 * answer to its creation.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PitcheyEndpoint(String id, String name, String url, String description,
                              @JsonProperty("event_types") List<String> eventTypes,
                              @JsonProperty("is_active") boolean isActive,
                              String profile,
                              @JsonProperty("disabled_reason") String disabledReason,
                              double timeout,
                              @JsonProperty("retry_policy") RetryPolicyView retryPolicy,
                              Map<String, String> headers,
                              @JsonProperty("rate_limit_per_minute") int rateLimitPerMinute,
                              @JsonProperty("created_at") OffsetDateTime createdAt,
                              @JsonProperty("updated_at") OffsetDateTime updatedAt,
                              String secret) {

    /** Seed 004's retry_policy, in milliseconds, with Hookgate's further settings under its naming. */
    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RetryPolicyView(@JsonProperty("max_attempts") Integer maxAttempts,
                                  @JsonProperty("backoff_type") String backoffType,
                                  @JsonProperty("base_delay") Long baseDelay,
                                  Double multiplier,
                                  @JsonProperty("max_delay") Long maxDelay,
                                  @JsonProperty("delays_ms") List<Long> delaysMs,
                                  @JsonProperty("immediate_retry") Boolean immediateRetry) {

        static RetryPolicyView of(RetryPolicy policy) {
            return policy == null ? null : new RetryPolicyView(policy.maxAttempts(), policy.backoff().name(), policy.baseDelayMs(),
                    policy.multiplier(), policy.maxDelayMs(), policy.delaysMs(), policy.immediateRetry());
        }
    }

    static PitcheyEndpoint of(EndpointView view) {
        return new PitcheyEndpoint(view.id(), view.name(), view.url(), view.description(), view.events(), view.active(), view.profile(),
                view.disabledReason(), view.timeoutMs() / 1000.0, RetryPolicyView.of(view.retryPolicy()), view.headers(),
                view.rateLimitPerMinute(), view.createdAt(), view.updatedAt(), view.secret());
    }
}
