package io.hookgate.delivery.retry;

import io.hookgate.endpoint.RetryPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Decides whether a failed attempt is retried, and after how long. */
@ApplicationScoped
public class RetrySchedule {

    /** The longest single wait between attempts, whatever a policy or Retry-After asks. */
    static final Duration MAX_DELAY = Duration.ofHours(12);

    private final List<Duration> schedule;
    private final double jitter;

    @Inject
    public RetrySchedule(DeliveryConfig config) {
        this(config.retrySchedule(), config.jitter());
    }

    RetrySchedule(List<Duration> schedule, double jitter) {
        this.schedule = schedule;
        this.jitter = jitter;
    }

    /**
     * The delay before attempt {@code attemptsMade + 1} ({@code serverError}: the last attempt was answered with a
     * 5xx), or null when attempts are exhausted: from the endpoint's own
     * policy when it has one (no jitter unless it asks), else from the default schedule. A receiver's Retry-After
     * lengthens the delay but never shortens it.
     */
    public Duration nextDelay(int attemptsMade, Duration retryAfter, RetryPolicy policy, boolean serverError) {
        Duration planned = policy != null ? policy.delayAfter(attemptsMade, serverError)
                : attemptsMade < schedule.size() ? schedule.get(attemptsMade) : null;
        if (planned == null) {
            return null;
        }
        long base = planned.toMillis();
        // the default schedule is spread by the configured jitter; an endpoint's own policy only if it asks
        double spreadBy = policy == null || policy.jittered() ? jitter : 0;
        long spread = (long) (base * spreadBy);
        long millis = spread == 0 ? base : base + ThreadLocalRandom.current().nextLong(-spread, spread + 1);
        Duration delay = Duration.ofMillis(millis);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }
}
