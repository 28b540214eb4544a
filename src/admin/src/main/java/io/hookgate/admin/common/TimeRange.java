package io.hookgate.admin.common;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A half-open time window {@code [since, until)} from two optional ISO-8601 query parameters. A date alone (seed 004's
 * {@code start_date=2024-01-01&end_date=2024-01-31}) counts in whole UTC days, the end day included.
 */
public record TimeRange(OffsetDateTime since, OffsetDateTime until) {

    /**
     * {@code until} defaults to now and {@code since} to {@code defaultSpan} before it; each is a field error when it
     * is not ISO-8601, and the window must be positive and at most {@code maxSpan}.
     */
    public static TimeRange parse(String sinceField, String since, String untilField, String until, Duration defaultSpan, Duration maxSpan) {
        OffsetDateTime end = until == null ? OffsetDateTime.now(ZoneOffset.UTC) : time(untilField, until, true);
        OffsetDateTime start = since == null ? end.minus(defaultSpan) : time(sinceField, since, false);
        if (!start.isBefore(end)) {
            throw ApiException.invalid(sinceField, "must be before " + untilField);
        }
        if (Duration.between(start, end).compareTo(maxSpan) > 0) {
            throw ApiException.invalid(sinceField, "the window may span at most " + maxSpan.toDays() + " days");
        }
        return new TimeRange(start, end);
    }

    /** One optional ISO-8601 start: null when absent, a field error when unreadable; a date alone is its first moment (UTC). */
    public static OffsetDateTime optional(String field, String value) {
        return value == null ? null : time(field, value, false);
    }

    /** One optional ISO-8601 end: as {@link #optional}, but a date alone includes the whole day (up to the next midnight UTC). */
    public static OffsetDateTime optionalEnd(String field, String value) {
        return value == null ? null : time(field, value, true);
    }

    private static OffsetDateTime time(String field, String value, boolean end) {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 time with an offset, such as 2025-01-01T00:00:00Z, or a date such as 2025-01-01");
        }
    }
}
