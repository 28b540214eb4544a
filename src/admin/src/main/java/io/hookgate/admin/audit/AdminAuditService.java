package io.hookgate.admin.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.SqlTimes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Reads the audit log of admin actions ({@code admin_audit}), newest first. */
@ApplicationScoped
public class AdminAuditService {

    static final String PREFIX = "aud_";

    /** Filters that are null match everything. */
    public record Filter(String tenantId, String keyId, String route, String objectId, OffsetDateTime since, OffsetDateTime until) {
    }

    private final ObjectMapper json;

    public AdminAuditService(ObjectMapper json) {
        this.json = json;
    }

    /** {@code before} is the exclusive upper bound of the numeric id. */
    @WithSession
    public Uni<Page<AdminAuditView>> list(Filter filter, long before, int limit) {
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("""
                        select id, tenant_id, key_id, admin, method, route, path, object_id, status, changes::text, client_ip, user_agent,
                               request_id, created_at
                        from admin_audit
                        where id < :before and (cast(:tenant as text) is null or tenant_id = :tenant)
                          and (cast(:key as text) is null or key_id = :key)
                          and (cast(:route as text) is null or route = :route)
                          and (cast(:object as text) is null or object_id = :object)
                          and (cast(:since as timestamptz) is null or created_at >= :since)
                          and (cast(:until as timestamptz) is null or created_at < :until)
                        order by id desc limit :limit""")
                .setParameter("before", before).setParameter("tenant", filter.tenantId()).setParameter("key", filter.keyId())
                .setParameter("route", filter.route()).setParameter("object", filter.objectId())
                .setParameter("since", filter.since()).setParameter("until", filter.until()).setParameter("limit", limit + 1)
                .getResultList())
                .map(rows -> Page.of(rows, limit, this::view, row -> PREFIX + row[0]));
    }

    private AdminAuditView view(Object[] row) {
        return new AdminAuditView(PREFIX + row[0], (String) row[1], (String) row[2], Boolean.TRUE.equals(row[3]), (String) row[4],
                (String) row[5], (String) row[6], (String) row[7], ((Number) row[8]).intValue(), tree((String) row[9]), (String) row[10],
                (String) row[11], (String) row[12], SqlTimes.toOffset(row[13]));
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
