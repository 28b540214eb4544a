package io.hookgate.admin.common;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A half-open time window {@code [since, until)} from two optional ISO-8601 query parameters. */
public record TimeRange(OffsetDateTime since, OffsetDateTime until) {

    /**
     * {@code until} defaults to now and {@code since} to {@code defaultSpan} before it; each is a field error when it
     * is not ISO-8601, and the window must be positive and at most {@code maxSpan}.
     */
    public static TimeRange parse(String sinceField, String since, String untilField, String until, Duration defaultSpan, Duration maxSpan) {
        OffsetDateTime end = until == null ? OffsetDateTime.now(ZoneOffset.UTC) : time(untilField, until);
        OffsetDateTime start = since == null ? end.minus(defaultSpan) : time(sinceField, since);
        if (!start.isBefore(end)) {
            throw ApiException.invalid(sinceField, "must be before " + untilField);
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ApiException.invalid(sinceField, "the window may span at most " + maxSpan.toDays() + " days");
        }
        return new TimeRange(start, end);
    }

    /** One optional ISO-8601 parameter: null when absent, a field error when unreadable. */
    public static OffsetDateTime optional(String field, String value) {
        return value == null ? null : time(field, value);
    }

    private static OffsetDateTime time(String field, String value) {
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 time with an offset, such as 2025-01-01T00:00:00Z");
        }
    }
}
