package io.hookgate.endpoint;

import io.hookgate.core.input.KnownFieldsOnly;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * An endpoint's own retry schedule (seeds 000, 003, 004), replacing the default one: attempt n waits
 * {@code baseDelayMs} (fixed), {@code baseDelayMs × n} (linear) or {@code baseDelayMs × multiplier^(n-1)}
 * (exponential) after attempt n fails, never more than {@code maxDelayMs}.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@KnownFieldsOnly
public record RetryPolicy(
        @NotNull @Min(1) @Max(20) Integer maxAttempts,
        @NotNull Backoff backoff,
        @NotNull @Min(0) @Max(43_200_000) Long baseDelayMs,
        @DecimalMin("1.0") @DecimalMax("10.0") Double multiplier,
        @Min(0) @Max(43_200_000) Long maxDelayMs) {

    /** How the delay grows from one attempt to the next. */
    @RegisterForReflection
    public enum Backoff {
        exponential, linear, fixed
    }

    /** The delay after {@code attemptsMade} failed attempts, before jitter and Retry-After; null when none remain. */
    public Duration delayAfter(int attemptsMade) {
        if (attemptsMade >= maxAttempts) {
            return null;
        }
        double factor = switch (backoff) {
            case fixed -> 1;
            case linear -> attemptsMade;
            case exponential -> Math.pow(multiplier == null ? 2.0 : multiplier, attemptsMade - 1);
        };
        double millis = baseDelayMs * factor;
        long cap = maxDelayMs == null ? 43_200_000L : maxDelayMs;
        return Duration.ofMillis((long) Math.min(millis, cap));
    }
}
