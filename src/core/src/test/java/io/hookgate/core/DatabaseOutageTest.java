package io.hookgate.core;

import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseOutageTest {

    @Test
    void aDatabaseThatIsRestartingOrUnreachableIsAnOutage() {
        assertTrue(DatabaseOutage.causedBy(new PgException("the database system is starting up", "FATAL", "57P03", null)));
        assertTrue(DatabaseOutage.causedBy(new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("wrapped", new ConnectException("Connection refused"))));
        var composite = new RuntimeException("commit failed");
        composite.addSuppressed(io.vertx.sqlclient.ClosedConnectionException.INSTANCE);
        assertTrue(DatabaseOutage.causedBy(composite));
    }

    @Test
    void aFaultOrABadStatementIsNot() {
        assertFalse(DatabaseOutage.causedBy(new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null)));
        assertFalse(DatabaseOutage.causedBy(new PgException("syntax error", "ERROR", "42601", null)));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("a bug")));
    }
}
