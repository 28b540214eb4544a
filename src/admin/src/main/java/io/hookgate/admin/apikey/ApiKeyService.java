package io.hookgate.admin.apikey;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.Tenants;
import io.hookgate.auth.ApiKey;
import io.hookgate.auth.ApiKeyHasher;
import io.hookgate.core.Ids;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Creates, lists, rotates and revokes bearer API keys. An admin manages every key; a tenant key manages its own
 * organisation's tenant keys, and another organisation's keys are absent to it (404).
 */
@ApplicationScoped
public class ApiKeyService {

    @WithTransaction
    public Uni<ApiKeyView> create(Caller caller, ApiKeyRequests.Create request) {
        String role = request.role() == null ? "tenant" : request.role();
        if ("admin".equals(role)) {
            caller.requireAdmin("may create admin keys");
            if (request.orgId() != null) {
                throw ApiException.invalid("orgId", "an admin key belongs to no organisation: it sees them all");
            }
            return issue(request.name(), role, null);
        }
        String tenantId = caller.admin() ? request.orgId() : caller.owningTenant(request.orgId());
        if (tenantId == null) {
            throw ApiException.invalid("orgId", "is required: the organisation the tenant key belongs to");
        }
        return Tenants.requireExists(tenantId).chain(() -> issue(request.name(), role, tenantId));
    }

    /**
     * A new key with the same name, role and organisation; the old one stops at once or, with an overlap, keeps
     * working until {@code expiresAt}.
     */
    @WithTransaction
    public Uni<ApiKeyView> rotate(Caller caller, String id, Duration overlap) {
        return visible(caller, id).chain(old -> {
            if (old.revokedAt != null) {
                throw new ApiException(409, "api_key_revoked", "API key " + id + " is revoked; create a new one instead");
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            if (overlap.isZero()) {
                old.revokedAt = now;
            } else {
                old.expiresAt = now.plus(overlap);
            }
            return issue(old.name, old.role, old.tenantId);
        });
    }

    /** Stops a key at once; revoking a revoked key changes nothing. */
    @WithTransaction
    public Uni<Void> revoke(Caller caller, String id) {
        return visible(caller, id).invoke(key -> {
            if (key.revokedAt == null) {
                key.revokedAt = OffsetDateTime.now(ZoneOffset.UTC);
            }
        }).replaceWithVoid();
    }

    @WithSession
    public Uni<ApiKeyView> get(Caller caller, String id) {
        return visible(caller, id).map(key -> view(key, null));
    }

    /** Newest first; revoked keys included (with revokedAt) unless {@code activeOnly}. */
    @WithSession
    public Uni<Page<ApiKeyView>> list(Caller caller, boolean activeOnly, String startingAfter, int limit) {
        String tenant = caller.visibleTenant();
        String query = "id < ?1" + (tenant == null ? "" : " and tenantId = ?2") + (activeOnly ? " and revokedAt is null" : "") + " order by id desc";
        String before = startingAfter == null ? "~" : startingAfter;
        var find = tenant == null ? ApiKey.<ApiKey>find(query, before) : ApiKey.<ApiKey>find(query, before, tenant);
        return find.page(0, limit + 1).list().map(rows -> Page.of(rows, limit, k -> view(k, null), k -> k.id));
    }

    private Uni<ApiKeyView> issue(String name, String role, String tenantId) {
        String secret = ApiKeyHasher.newKey(role);
        ApiKey key = new ApiKey();
        key.id = Ids.next("key");
        key.name = name;
        key.role = role;
        key.tenantId = tenantId;
        key.prefix = ApiKeyHasher.prefix(secret);
        key.keyHash = ApiKeyHasher.hash(secret);
        key.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        return key.<ApiKey>persist().map(saved -> view(saved, secret));
    }

    /** A key the caller may manage: any for an admin; for a tenant key, its organisation's tenant keys. */
    private Uni<ApiKey> visible(Caller caller, String id) {
        return ApiKey.<ApiKey>findById(id).map(key -> {
            if (key == null || !(caller.admin() || (caller.tenantId().equals(key.tenantId) && !key.isAdmin()))) {
                throw ApiException.notFound("API key", id);
            }
            return key;
        });
    }

    private static ApiKeyView view(ApiKey k, String secret) {
        return new ApiKeyView(k.id, k.name, k.role, k.tenantId, k.prefix, k.createdAt, k.lastUsedAt, k.expiresAt, k.revokedAt, secret);
    }
}
