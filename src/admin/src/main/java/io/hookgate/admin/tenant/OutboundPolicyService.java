package io.hookgate.admin.tenant;

import io.hookgate.admin.common.IpRangeFields;
import io.hookgate.admin.common.SqlTimes;
import io.hookgate.admin.common.Tenants;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/**
 * Reads and sets an organisation's {@code tenant_outbound_policy}; the delivery function reads it with each claim and
 * refuses an attempt whose host resolves into a forbidden range.
 */
@ApplicationScoped
public class OutboundPolicyService {

    @WithSession
    public Uni<OutboundPolicy.View> get(String tenantId) {
        return Tenants.requireExists(tenantId).chain(() -> Panache.getSession()).chain(session -> session.<Object[]>createNativeQuery("""
                        select array_to_string(blocked_destinations, ','), updated_at from tenant_outbound_policy where tenant_id = :tenant""")
                .setParameter("tenant", tenantId).getResultList())
                .map(rows -> rows.isEmpty() ? new OutboundPolicy.View(tenantId, List.of(), null)
                        : new OutboundPolicy.View(tenantId, split((String) rows.getFirst()[0]), SqlTimes.toOffset(rows.getFirst()[1])));
    }

    /** The ranges an organisation forbids its endpoints to reach; empty when it has set none (or does not exist). */
    @WithSession
    public Uni<List<String>> forbiddenDestinations(String tenantId) {
        return Panache.getSession().chain(session -> session.<String>createNativeQuery("""
                        select array_to_string(blocked_destinations, ',') from tenant_outbound_policy where tenant_id = :tenant""", String.class)
                .setParameter("tenant", tenantId).getResultList())
                .map(rows -> rows.isEmpty() ? List.of() : split(rows.getFirst()));
    }

    @WithTransaction
    public Uni<OutboundPolicy.View> put(String tenantId, OutboundPolicy.Request request) {
        List<String> ranges = IpRangeFields.checked("blockedDestinations", request.blockedDestinations());
        return Tenants.requireExists(tenantId).chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery("""
                        insert into tenant_outbound_policy (tenant_id, blocked_destinations, updated_at)
                        values (:tenant, string_to_array(cast(:ranges as text), ','), now())
                        on conflict (tenant_id) do update set blocked_destinations = excluded.blocked_destinations, updated_at = now()""")
                .setParameter("tenant", tenantId).setParameter("ranges", String.join(",", ranges)).executeUpdate())
                .chain(() -> get(tenantId));
    }


    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
