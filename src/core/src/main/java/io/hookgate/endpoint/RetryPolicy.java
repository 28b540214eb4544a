package io.hookgate.endpoint;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.hookgate.core.input.KnownFieldsOnly;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.util.List;

/**
 * An endpoint's own retry schedule (seeds 000, 003, 004), replacing the default one: attempt n waits
 * {@code baseDelayMs} (fixed), {@code baseDelayMs × n} (linear) or {@code baseDelayMs × multiplier^(n-1)}
 * (exponential) after attempt n fails, never more than {@code maxDelayMs}; or, with {@code schedule}, exactly the
 * waits listed in {@code delaysMs} (seed 003's 1m, 5m, 15m, 1h, 2h), one more attempt than waits. No jitter unless
 * {@code jitter} asks for the default schedule's. {@code immediateRetry} (seed 004) adds one retry before the
 * policy's: at once when the first attempt got a 5xx answer, otherwise after the policy's first delay.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@KnownFieldsOnly
public record RetryPolicy(
        @Min(1) @Max(20) Integer maxAttempts,
        @NotNull Backoff backoff,
        @Min(0) @Max(MAX_DELAY_MS) Long baseDelayMs,
        @DecimalMin("1.0") @DecimalMax("10.0") Double multiplier,
        @Min(0) @Max(MAX_DELAY_MS) Long maxDelayMs,
        @Size(min = 1, max = 19) List<@NotNull @Min(0) @Max(MAX_DELAY_MS) Long> delaysMs,
        Boolean jitter,
        Boolean immediateRetry) {

    /** The longest wait a policy may name: 12 hours. */
    public static final long MAX_DELAY_MS = 43_200_000L;

    /** How the delay grows from one attempt to the next, or {@code schedule}: the listed delays. */
    @RegisterForReflection
    public enum Backoff {
        exponential, linear, fixed, schedule
    }

    /** A computed policy: exponential, linear or fixed. */
    public RetryPolicy(Integer maxAttempts, Backoff backoff, Long baseDelayMs, Double multiplier, Long maxDelayMs) {
        this(maxAttempts, backoff, baseDelayMs, multiplier, maxDelayMs, null, null, null);
    }

    /** An explicit schedule: one attempt, then one more after each of these waits. */
    public static RetryPolicy schedule(List<Long> delaysMs) {
        return new RetryPolicy(null, Backoff.schedule, null, null, null, List.copyOf(delaysMs), null, null);
    }

    /**
     * A schedule names its waits ({@code delaysMs}, and {@code maxAttempts} only if it is one more than their number);
     * the computed backoffs name {@code maxAttempts} and {@code baseDelayMs} instead.
     */
    @JsonIgnore
    @AssertTrue(message = "backoff 'schedule' takes delaysMs (and maxAttempts, if given, one more than the delays); "
            + "exponential, linear and fixed take maxAttempts and baseDelayMs, and no delaysMs")
    public boolean isComplete() {
        if (backoff == null) {
            return true;   // @NotNull reports it
        }
        if (backoff == Backoff.schedule) {
            return delaysMs != null && baseDelayMs == null && multiplier == null
                    && (maxAttempts == null || maxAttempts == delaysMs.size() + 1);
        }
        return delaysMs == null && maxAttempts != null && baseDelayMs != null;
    }

    /** Attempts in all, the first and an immediate retry included. */
    public int attempts() {
        return (backoff == Backoff.schedule ? delaysMs.size() + 1 : maxAttempts) + (immediate() ? 1 : 0);
    }

    /** Whether the default schedule's jitter spreads this policy's delays. */
    public boolean jittered() {
        return Boolean.TRUE.equals(jitter);
    }

    private boolean immediate() {
        return Boolean.TRUE.equals(immediateRetry);
    }

    /**
     * The delay after {@code attemptsMade} failed attempts, the last answered with a 5xx if {@code serverError},
     * before jitter and Retry-After; null when none remain.
     */
    public Duration delayAfter(int attemptsMade, boolean serverError) {
        if (attemptsMade >= attempts()) {
            return null;
        }
        if (immediate()) {
            if (attemptsMade == 1 && serverError) {
                return Duration.ZERO;
            }
            return planned(Math.max(1, attemptsMade - 1));
        }
        return planned(attemptsMade);
    }

    /** The policy's own delay after its {@code n}th attempt. */
    private Duration planned(int n) {
        if (backoff == Backoff.schedule) {
            return Duration.ofMillis(delaysMs.get(n - 1));
        }
        double factor = switch (backoff) {
            case fixed -> 1;
            case linear -> n;
            case exponential -> Math.pow(multiplier == null ? 2.0 : multiplier, n - 1);
            case schedule -> throw new IllegalStateException("handled above");
        };
        double millis = baseDelayMs * factor;
        long cap = maxDelayMs == null ? MAX_DELAY_MS : maxDelayMs;
        return Duration.ofMillis((long) Math.min(millis, cap));
    }
}
