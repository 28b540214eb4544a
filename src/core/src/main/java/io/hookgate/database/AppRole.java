package io.hookgate.database;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * After every migration, keeps the role the deployables connect as: it may log in, read and write the tables, use the
 * sequences and call the functions, and nothing else: no DDL (no CREATE on the schema), no TRUNCATE, no changes to
 * Flyway's history, no roles. The migration runs as the owner (the cluster's master user); the functions, the realtime
 * service and RDS Proxy know only this role (infra: Database). Granting again after each migration covers the tables
 * a new migration adds.
 */
@Singleton
public class AppRole implements FlywayConfigurationCustomizer {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final AppRoleConfig config;

    public AppRole(AppRoleConfig config) {
        this.config = config;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        config.appRolePassword().filter(password -> !password.isBlank()).ifPresent(password -> {
            String role = config.appRole();
            if (!IDENTIFIER.matcher(role).matches()) {
                throw new IllegalArgumentException("hookgate.database.app-role must be a lower-case SQL identifier: " + role);
            }
            configuration.callbacks(new Keeper(role, password));
        });
    }

    /** The Flyway callback: runs after a successful migrate, in the migration's own connection. */
    private record Keeper(String role, String password) implements Callback {

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.AFTER_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            try {
                keep(context.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("keeping the application role " + role + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public String getCallbackName() {
            return "hookgate-app-role";
        }

        private void keep(Connection connection) throws SQLException {
            try (Statement sql = connection.createStatement()) {
                sql.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then create role " + role
                        + "; end if; end $$");
                // the password as a quoted literal, quoted by PostgreSQL itself (format %L), never logged
                sql.execute(quoted(connection, "select format('alter role %I with login nosuperuser nocreatedb nocreaterole password %L', ?, ?)",
                        role, password));
                sql.execute(quoted(connection, "select format('grant connect on database %I to %I', current_database(), ?)", role));
                sql.execute("revoke create on schema public from public");
                sql.execute("grant usage on schema public to " + role);
                sql.execute("revoke all on all tables in schema public from " + role);
                sql.execute("grant select, insert, update, delete on all tables in schema public to " + role);
                sql.execute("grant usage, select on all sequences in schema public to " + role);
                sql.execute("grant execute on all functions in schema public to " + role);
                sql.execute("revoke all on flyway_schema_history from " + role);
            }
        }

        /** Runs a {@code select format(...)} with {@code values} bound, and answers the statement it built. */
        private static String quoted(Connection connection, String format, String... values) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(format)) {
                for (int i = 0; i < values.length; i++) {
                    statement.setString(i + 1, values[i]);
                }
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    return result.getString(1);
                }
            }
        }
    }
}
