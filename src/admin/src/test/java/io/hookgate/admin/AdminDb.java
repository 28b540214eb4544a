package io.hookgate.admin;

import io.hookgate.auth.ApiKeyHasher;
import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct access to the real test database for setting up tenants and reading what the API stored. */
final class AdminDb {

    private AdminDb() {
    }

    static Connection connect() throws Exception {
        return DriverManager.getConnection(DevStack.shared().jdbcUrl(), DevStack.DB_USER, DevStack.DB_PASSWORD);
    }

    static void update(String sql, Object... args) throws Exception {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    static List<Map<String, Object>> rows(String sql, Object... args) throws Exception {
        try (Connection c = connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                List<Map<String, Object>> result = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    /** A new organisation; returns its id. */
    static String tenant() throws Exception {
        String id = Ids.next("org");
        update("insert into tenant (id, name) values (?, ?)", id, "Test org " + id);
        return id;
    }

    /** A tenant API key for the organisation; returns the plaintext key. */
    static String tenantKey(String tenantId) throws Exception {
        String key = ApiKeyHasher.newKey("tenant");
        update("insert into api_key (id, tenant_id, name, role, prefix, key_hash) values (?, ?, 'test', 'tenant', ?, ?)",
                Ids.next("key"), tenantId, ApiKeyHasher.prefix(key), ApiKeyHasher.hash(key));
        return key;
    }
}
