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
        within(seconds, toleranceSeconds, clock);
    }

    /**
     * Checks an ISO-8601 instant such as {@code 2025-01-01T12:00:00Z} (a price update's {@code timestamp}): at most
     * {@code toleranceSeconds} old and {@code aheadSeconds} ahead (clock skew; an observation cannot be from the future).
     */
    public static java.time.Instant checkIso(String value, long toleranceSeconds, long aheadSeconds, Clock clock) {
        if (value == null || value.isBlank()) {
            throw new WebhookException(WebhookError.WEBHOOK_002, "timestamp missing");
        }
        java.time.Instant instant;
        try {
            instant = java.time.OffsetDateTime.parse(value.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw new WebhookException(WebhookError.WEBHOOK_002, "timestamp is not ISO-8601 with an offset");
        }
        long now = clock.instant().getEpochSecond();
        if (instant.getEpochSecond() < now - toleranceSeconds || instant.getEpochSecond() > now + Math.min(aheadSeconds, toleranceSeconds)) {
            throw new WebhookException(WebhookError.WEBHOOK_002, "timestamp must be within the last " + toleranceSeconds
                    + " s and at most " + Math.min(aheadSeconds, toleranceSeconds) + " s ahead");
        }
        return instant;
    }

    private static void within(long seconds, long toleranceSeconds, Clock clock) {
        long now = clock.instant().getEpochSecond();
        // compared without subtracting the caller's value: now - Long.MIN_VALUE would overflow into the window
        if (seconds < now - toleranceSeconds || seconds > now + toleranceSeconds) {
            throw new WebhookException(WebhookError.WEBHOOK_002, "timestamp outside ±" + toleranceSeconds + " s");
        }
    }
}
