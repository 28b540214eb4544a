package io.hookgate.delivery.attempt;

import io.hookgate.delivery.health.EndpointHealth;

import java.time.Duration;
import java.util.Map;

/**
 * What one attempt returned: an HTTP status with headers and body, or the error that stopped it. An email accepted by
 * the SMTP server has neither status nor error. {@code refused} marks a call that must not be retried (the target is
 * a private address).
 */
record AttemptOutcome(Integer status, Map<String, String> headers, String body, String error, long durationMs, boolean refused) {

    AttemptOutcome(Integer status, Map<String, String> headers, String body, String error, long durationMs) {
        this(status, headers, body, error, durationMs, false);
    }

    static AttemptOutcome failed(String error, long durationMs) {
        return new AttemptOutcome(null, null, null, error, durationMs, false);
    }

    static AttemptOutcome refused(String error, long durationMs) {
        return new AttemptOutcome(null, null, null, error, durationMs, true);
    }

    boolean succeeded() {
        return error == null && (status == null || status >= 200 && status < 300);
    }

    /**
     * 410 Gone says the receiver is gone for good, and a refused target stays refused, so retrying is pointless; every
     * other failure is retried.
     */
    boolean isFinal() {
        return refused || status != null && status == 410;
    }

    /** What the attempt says about the endpoint's availability, for its circuit. */
    EndpointHealth.Verdict verdict() {
        if (succeeded()) {
            return EndpointHealth.Verdict.SUCCEEDED;
        }
        if (refused) {
            return EndpointHealth.Verdict.NOT_CALLED;
        }
        return isFinal() ? EndpointHealth.Verdict.ANSWERED : EndpointHealth.Verdict.FAILED;
    }

    /** The receiver's Retry-After in seconds, honoured on 429 and 503. */
    Duration retryAfter() {
        if (status == null || (status != 429 && status != 503) || headers == null) {
            return null;
        }
        String value = headers.get("retry-after");
        try {
            return value == null ? null : Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
