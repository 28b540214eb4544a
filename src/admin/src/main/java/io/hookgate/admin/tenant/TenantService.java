package io.hookgate.admin.tenant;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.SqlTimes;
import io.hookgate.core.Ids;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Organisations: admins create and list them; a tenant key sees only its own. */
@ApplicationScoped
public class TenantService {

    @WithTransaction
    public Uni<TenantView> create(TenantRequest request) {
        String id = Ids.next("org");
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery(
                        "insert into tenant (id, name) values (:id, :name) returning id, name, created_at")
                .setParameter("id", id).setParameter("name", request.name().trim()).getSingleResult())
                .map(TenantService::view);
    }

    @WithTransaction
    public Uni<TenantView> rename(Caller caller, String id, TenantRequest request) {
        return visible(caller, id).chain(ignored -> Panache.getSession()).chain(session -> session.<Object[]>createNativeQuery(
                        "update tenant set name = :name where id = :id returning id, name, created_at")
                .setParameter("id", id).setParameter("name", request.name().trim()).getSingleResult())
                .map(TenantService::view);
    }

    @WithSession
    public Uni<TenantView> get(Caller caller, String id) {
        return visible(caller, id);
    }

    /** An admin sees every organisation, oldest first; a tenant key only its own. */
    @WithSession
    public Uni<Page<TenantView>> list(Caller caller, String startingAfter, int limit) {
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("""
                        select id, name, created_at from tenant
                        where id > :after and (cast(:only as text) is null or id = :only)
                        order by id limit :limit""")
                .setParameter("after", startingAfter == null ? "" : startingAfter).setParameter("only", caller.visibleTenant())
                .setParameter("limit", limit + 1).getResultList())
                .map(rows -> Page.of(rows.stream().map(TenantService::view).toList(), limit, v -> v, TenantView::id));
    }

    private Uni<TenantView> visible(Caller caller, String id) {
        if (!caller.admin() && !id.equals(caller.tenantId())) {
            return Uni.createFrom().failure(ApiException.notFound("organisation", id));
        }
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("select id, name, created_at from tenant where id = :id")
                .setParameter("id", id).getResultList())
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw ApiException.notFound("organisation", id);
                    }
                    return view(rows.getFirst());
                });
    }

    private static TenantView view(Object[] row) {
        return new TenantView((String) row[0], (String) row[1], SqlTimes.toOffset(row[2]));
    }

}
