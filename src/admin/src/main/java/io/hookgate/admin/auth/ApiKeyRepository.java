package io.hookgate.admin.auth;

import io.hookgate.auth.ApiKey;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Finds API keys by the hash of the presented key. */
@ApplicationScoped
@WithSession
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKey, String> {

    public Uni<ApiKey> findActiveByHash(String hash) {
        return find("keyHash = ?1 and revokedAt is null", hash).firstResult();
    }
}
