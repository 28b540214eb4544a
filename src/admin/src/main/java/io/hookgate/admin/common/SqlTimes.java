package io.hookgate.admin.common;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Timestamps read by native queries, whichever Java type the driver chose for them, as UTC offsets. */
public final class SqlTimes {

    private SqlTimes() {
    }

    public static OffsetDateTime toOffset(Object value) {
        return switch (value) {
            case OffsetDateTime odt -> odt;
            case Instant instant -> instant.atOffset(ZoneOffset.UTC);
            case java.sql.Timestamp ts -> ts.toInstant().atOffset(ZoneOffset.UTC);
            case null, default -> null;
        };
    }
}
