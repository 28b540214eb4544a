package io.hookgate.ingest.ccpayment;

import io.hookgate.devstack.DevStack;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Direct reads of the real test database, to check what a request wrote. */
final class Db {

    private Db() {
    }

    static Connection connect() throws SQLException {
        DevStack stack = DevStack.shared();
        return DriverManager.getConnection(stack.jdbcUrl(), DevStack.DB_USER, DevStack.DB_PASSWORD);
    }

    static long count(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static BigDecimal balance(String userId) throws SQLException {
        try (Connection c = connect(); var ps = c.prepareStatement("select balance from account where user_id = ? and coin = 'DGT'")) {
            ps.setString(1, userId);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    static void execute(String sql) throws SQLException {
        try (Connection c = connect(); var st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
