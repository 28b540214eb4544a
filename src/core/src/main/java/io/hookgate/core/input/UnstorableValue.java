package io.hookgate.core.input;

import io.vertx.pgclient.PgException;

/**
 * Tells a write PostgreSQL refused because of a value (a number beyond its column, a string beyond what an index row
 * holds, text it cannot encode) from a fault. The boundary and each route's checks are meant to refuse such values
 * first; this is the net under them, so that a value they missed is a 4xx on a rolled-back transaction, never a 500.
 */
public final class UnstorableValue {

    private UnstorableValue() {
    }

    /** The database's reason when the failure is a refused value, else null. */
    public static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().equals("54000"))) {
                return pg.getErrorMessage();   // data exception class, or program limit exceeded (index row size)
            }
        }
        return null;
    }
}
