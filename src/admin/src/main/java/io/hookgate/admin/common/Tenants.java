package io.hookgate.admin.common;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Checks on organisations named in requests. */
public final class Tenants {

    private Tenants() {
    }

    /** Fails with a 422 on {@code orgId} unless the organisation exists; call inside a session. */
    public static Uni<Void> requireExists(String tenantId) {
        return Panache.getSession().chain(session -> session.<Long>createNativeQuery("select count(*) from tenant where id = :id")
                .setParameter("id", tenantId).getSingleResult()).map(found -> {
                    if (found == 0) {
                        throw ApiException.invalid("orgId", "no organisation " + tenantId);
                    }
                    return null;
                });
    }
}
