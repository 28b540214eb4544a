package io.hookgate.ingest.source;

import io.hookgate.ingest.common.InstanceCache;
import io.hookgate.ingest.common.SourcePolicyConfig;
import io.hookgate.signing.SecretCipher;
import io.hookgate.source.ValueLocation;
import io.hookgate.source.VerificationScheme;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;
import java.util.Set;

/**
 * Finds enabled inbound sources by id, cached per instance like source policies ({@code hookgate.ingest.policy.cache-ttl}),
 * so registering, changing or disabling one takes effect everywhere within that time.
 */
@ApplicationScoped
public class RegisteredSources {

    private final Pool pool;
    private final SecretCipher cipher;
    private final InstanceCache<String, Optional<RegisteredSource>> cache;

    public RegisteredSources(Pool pool, SecretCipher cipher, SourcePolicyConfig config) {
        this.pool = pool;
        this.cipher = cipher;
        this.cache = new InstanceCache<>(config.cacheTtl());
    }

    Uni<Optional<RegisteredSource>> find(String id) {
        return cache.get(id, this::load);
    }

    private Uni<Optional<RegisteredSource>> load(String id) {
        return pool.preparedQuery("""
                        select id, tenant_id, name, scheme, secret_ciphertext, signature_header, signature_prefix,
                               timestamp_tolerance_seconds, event_type_from, dedupe_id_from, accepted_events
                        from inbound_source where id = $1 and enabled""")
                .execute(Tuple.of(id))
                .map(this::source);
    }

    private Optional<RegisteredSource> source(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        String[] accepted = row.getArrayOfStrings("accepted_events");
        return Optional.of(new RegisteredSource(row.getString("id"), row.getString("tenant_id"), row.getString("name"),
                VerificationScheme.of(row.getString("scheme")).orElseThrow(), cipher.decrypt(row.getString("secret_ciphertext")),
                row.getString("signature_header"), row.getString("signature_prefix"), row.getInteger("timestamp_tolerance_seconds"),
                ValueLocation.parse(row.getString("event_type_from")), ValueLocation.parse(row.getString("dedupe_id_from")),
                accepted == null ? null : Set.of(accepted)));
    }
}
