package io.hookgate.ingest.common;

import java.time.Clock;

/** Refuses timestamps outside a symmetric window around now, against replayed requests. */
public final class TimestampWindow {

    private TimestampWindow() {
    }

    /** Checks a unix-seconds header value; a missing or unparsable one counts as outside the window. */
    public static void check(String header, long toleranceSeconds, Clock clock) {
        if (header == null || header.isBlank()) {
            throw new WebhookException(WebhookError.WEBHOOK_002, "timestamp header missing");
        }
        long seconds;
        try {
            seconds = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new WebhookException(WebhookError.WEBHOOK_002, "timestamp is not unix seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > toleranceSeconds) {
            throw new WebhookException(WebhookError.WEBHOOK_002, "timestamp outside ±" + toleranceSeconds + " s");
        }
    }
}
