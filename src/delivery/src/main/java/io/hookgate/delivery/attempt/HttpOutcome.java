package io.hookgate.delivery.attempt;

import java.time.Duration;
import java.util.Map;

/** What one HTTP call returned, or the error that stopped it. */
record HttpOutcome(Integer status, Map<String, String> headers, String body, String error, long durationMs) {

    boolean succeeded() {
        return status != null && status >= 200 && status < 300;
    }

    /** 410 Gone says the receiver is gone for good, so retrying is pointless; every other failure is retried. */
    boolean isFinal() {
        return status != null && status == 410;
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
