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

    /**
     * Why the attempt failed, as one of the categories docs/api.md lists (null for a success): the answer's status class
     * ({@code redirect}, {@code too_large} for 413, {@code http_4xx}, {@code http_5xx}), or what stopped the call.
     */
    String errorCategory() {
        if (succeeded()) {
            return null;
        }
        if (status != null) {
            return status >= 300 && status < 400 ? "redirect" : status == 413 ? "too_large" : status >= 500 ? "http_5xx" : "http_4xx";
        }
        String text = error == null ? "" : error;
        if (refused) {
            return text.startsWith(UNRENDERABLE) ? "unrenderable" : "refused_target";
        }
        if (text.contains("timeout") || text.contains("TimeoutException")) {
            return "timeout";
        }
        if (text.contains("UnknownHostException")) {
            return "dns";
        }
        if (text.contains("ConnectException") || text.contains("NoRouteToHostException")) {
            return "connection_refused";
        }
        if (text.contains("SSL") || text.contains("Certificate")) {
            return "tls";
        }
        return "network";
    }

    /** How a refusal to call begins when the event could not be rendered for the endpoint. */
    static final String UNRENDERABLE = "the event cannot be rendered";

    /**
     * Non-null when the receiver pushed back, for adaptive rate limiting: a 429 or 503 (the pause its Retry-After asks
     * for, zero without one) or an attempt that took the whole {@code timeout} (zero).
     */
    Duration throttle(Duration timeout) {
        if (status != null && (status == 429 || status == 503)) {
            Duration asked = retryAfter();
            return asked == null || asked.isNegative() ? Duration.ZERO : asked;
        }
        return error != null && !refused && durationMs >= timeout.toMillis() ? Duration.ZERO : null;
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
