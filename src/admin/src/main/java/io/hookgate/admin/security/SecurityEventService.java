package io.hookgate.admin.security;

import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.SqlTimes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;

/** Reads the security audit log the ingest function writes ({@code security_audit}), newest first. */
@ApplicationScoped
public class SecurityEventService {

    static final String PREFIX = "sec_";

    /** Null filters match everything; {@code before} is the exclusive upper bound of the numeric id. */
    @WithSession
    public Uni<Page<SecurityEventView>> list(String source, String kind, OffsetDateTime since, OffsetDateTime until, long before, int limit) {
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery("""
                        select id, source, kind, client_ip, request_id, detail, created_at from security_audit
                        where id < :before and (cast(:source as text) is null or source = :source)
                          and (cast(:kind as text) is null or kind = :kind)
                          and (cast(:since as timestamptz) is null or created_at >= :since)
                          and (cast(:until as timestamptz) is null or created_at < :until)
                        order by id desc limit :limit""")
                .setParameter("before", before).setParameter("source", source).setParameter("kind", kind)
                .setParameter("since", since).setParameter("until", until).setParameter("limit", limit + 1)
                .getResultList())
                .map(rows -> Page.of(rows, limit, SecurityEventService::view, row -> PREFIX + row[0]));
    }

    private static SecurityEventView view(Object[] row) {
        return new SecurityEventView(PREFIX + row[0], (String) row[1], (String) row[2], (String) row[3], (String) row[4],
                (String) row[5], SqlTimes.toOffset(row[6]));
    }
}
