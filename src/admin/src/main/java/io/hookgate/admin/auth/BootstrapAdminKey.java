package io.hookgate.admin.auth;

import io.hookgate.auth.ApiKeyHasher;
import io.hookgate.core.Blocking;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Stores the configured bootstrap admin key, hashed, at start; changing the config replaces the old key. A revoked
 * bootstrap key stays revoked across restarts: only a different configured key brings the bootstrap admin back.
 */
@ApplicationScoped
public class BootstrapAdminKey {

    static final String ID = "key_bootstrap_admin";
    private static final Logger LOG = Logger.getLogger(BootstrapAdminKey.class);

    void onStart(@Observes StartupEvent event, AdminConfig config) {
        config.bootstrapKey().filter(k -> !k.isBlank()).ifPresent(key -> {
            Blocking.await(() -> Panache.withTransaction(() -> Panache.getSession().chain(session -> session.createNativeQuery("""
                            insert into api_key (id, tenant_id, name, role, prefix, key_hash)
                            values (:id, null, 'bootstrap admin', 'admin', :prefix, :hash)
                            on conflict (id) do update set key_hash = excluded.key_hash, prefix = excluded.prefix, revoked_at = null
                            where api_key.key_hash <> excluded.key_hash""")
                    .setParameter("id", ID).setParameter("prefix", ApiKeyHasher.prefix(key)).setParameter("hash", ApiKeyHasher.hash(key))
                    .executeUpdate())));
            LOG.infof("bootstrap admin key %s… configured (a revoked one stays revoked until the configured key changes)",
                    ApiKeyHasher.prefix(key));
        });
    }
}
