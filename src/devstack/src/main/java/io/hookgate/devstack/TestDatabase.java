package io.hookgate.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plain JDBC access to a devstack database, for tests that set up rows or check what the system wrote. */
public final class TestDatabase {

    private final String jdbcUrl;

    TestDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    /** The database of the JVM's shared devstack. */
    public static TestDatabase shared() {
        return DevStack.shared().database();
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, DevStack.DB_USER, DevStack.DB_PASSWORD);
    }

    public int update(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        }
    }

    public List<Map<String, Object>> rows(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args); var rs = ps.executeQuery()) {
            List<Map<String, Object>> result = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                result.add(row);
            }
            return result;
        }
    }

    /** The first column of the first row, or null when there is no row. */
    public Object value(String sql, Object... args) throws SQLException {
        List<Map<String, Object>> rows = rows(sql, args);
        return rows.isEmpty() ? null : rows.getFirst().values().iterator().next();
    }

    public long count(String sql, Object... args) throws SQLException {
        return ((Number) value(sql, args)).longValue();
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
