package io.hookgate.core;

import io.vertx.pgclient.PgException;

import java.net.ConnectException;

/**
 * Tells a failure that is the database being away for a moment (restarting, refusing connections, a connection cut)
 * from one that is a fault: the first is answered 503 with Retry-After, never 500.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;   // connection exceptions; admin shutdown, crash shutdown, cannot connect now
            }
            if (t instanceof ConnectException || t instanceof java.net.SocketException
                    || t instanceof io.vertx.sqlclient.ClosedConnectionException) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (causedBy(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }
}
