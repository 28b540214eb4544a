package io.hookgate.admin.auth;

import io.hookgate.auth.ApiKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Finds API keys by the hash of the presented key. */
@ApplicationScoped
@WithSession
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, String> {

    private final Pool pool;

    public ApiKeyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<ApiKey> findActiveByHash(String hash) {
        return find("keyHash = ?1 and revokedAt is null and (expiresAt is null or expiresAt > ?2)", hash, OffsetDateTime.now()).firstResult();
    }

    /** Records that a key was used, at most once a minute per key, so a busy key costs no write per request. */
    public Uni<Void> touch(ApiKey key) {
        OffsetDateTime now = OffsetDateTime.now();
        if (key.lastUsedAt != null && key.lastUsedAt.isAfter(now.minusMinutes(1))) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update api_key set last_used_at = now() where id = $1").execute(Tuple.of(key.id)).replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
