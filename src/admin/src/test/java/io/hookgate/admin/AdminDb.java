package io.hookgate.admin;

import io.hookgate.auth.ApiKeyHasher;
import io.hookgate.core.Ids;
import io.hookgate.devstack.TestDatabase;

import java.util.List;
import java.util.Map;

/** Direct access to the real test database for setting up tenants and reading what the API stored. */
final class AdminDb {

    private AdminDb() {
    }

    static final TestDatabase DB = TestDatabase.shared();

    static void update(String sql, Object... args) throws Exception {
        DB.update(sql, args);
    }

    static List<Map<String, Object>> rows(String sql, Object... args) throws Exception {
        return DB.rows(sql, args);
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
