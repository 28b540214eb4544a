package io.hookgate.admin.source;

import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.IpRangeFields;
import io.hookgate.admin.common.SqlTimes;
import io.hookgate.source.InboundSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Reads and sets the per-source policy rows ({@code source_policy}) the ingest function applies over its configuration. */
@ApplicationScoped
public class SourcePolicyService {

    /** The inbound routes of the source documents, by the names policies use. */
    public static final Set<String> BUILT_IN = Set.of("ccpayment", "price-feed", "analytics");

    /** A policy row as {@link #view} reads it. */
    private static final String POLICY_COLUMNS = """
            select array_to_string(ip_allowlist, ','), ip_allowlist is null, rate_limit, rate_window_seconds, price_max_age_seconds, updated_at,
                   array_to_string(ip_blocklist, ','), ip_blocklist is null, source
            from source_policy""";

    /** Every policy an admin has set, by source name; the sources left out use the configured values. */
    @WithSession
    public Uni<List<SourcePolicyView>> stored() {
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery(POLICY_COLUMNS + " order by source").getResultList())
                .map(rows -> rows.stream().map(SourcePolicyService::view).toList());
    }

    @WithSession
    public Uni<SourcePolicyView> get(String source) {
        return requireSource(source).chain(() -> Panache.getSession()).chain(session -> session.<Object[]>createNativeQuery(
                        POLICY_COLUMNS + " where source = :source").setParameter("source", source).getResultList())
                .map(rows -> rows.isEmpty() ? new SourcePolicyView(source, null, null, null, null, null, null) : view(rows.getFirst()));
    }

    @WithTransaction
    public Uni<SourcePolicyView> put(String source, SourceRequests.Policy policy) {
        List<String> ranges = IpRangeFields.checked("ipAllowlist", policy.ipAllowlist());
        List<String> blocked = IpRangeFields.checked("ipBlocklist", policy.ipBlocklist());
        if (policy.priceMaxAgeSeconds() != null && !"ccpayment".equals(source)) {
            throw ApiException.invalid("priceMaxAgeSeconds", "only the ccpayment source converts at a price");
        }
        return requireSource(source).chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery("""
                        insert into source_policy (source, ip_allowlist, ip_blocklist, rate_limit, rate_window_seconds, price_max_age_seconds, updated_at)
                        values (:source, string_to_array(cast(:ranges as text), ','), string_to_array(cast(:blocked as text), ','),
                                :limit, :window, :maxAge, now())
                        on conflict (source) do update set ip_allowlist = excluded.ip_allowlist, ip_blocklist = excluded.ip_blocklist,
                            rate_limit = excluded.rate_limit,
                            rate_window_seconds = excluded.rate_window_seconds, price_max_age_seconds = excluded.price_max_age_seconds,
                            updated_at = now()""")
                .setParameter("source", source).setParameter("ranges", ranges == null ? null : String.join(",", ranges))
                .setParameter("blocked", blocked == null ? null : String.join(",", blocked))
                .setParameter("limit", policy.rateLimit()).setParameter("window", policy.rateWindowSeconds())
                .setParameter("maxAge", policy.priceMaxAgeSeconds())
                .executeUpdate())
                .chain(() -> get(source));
    }

    /** Forgets the admin's policy: the configured values apply again. */
    @WithTransaction
    public Uni<Void> delete(String source) {
        return requireSource(source).chain(() -> Panache.getSession()).chain(session -> session
                .createNativeQuery("delete from source_policy where source = :source").setParameter("source", source).executeUpdate())
                .replaceWithVoid();
    }

    static Uni<Void> requireSource(String source) {
        if (BUILT_IN.contains(source)) {
            return Uni.createFrom().voidItem();
        }
        return InboundSource.count("id", source).map(found -> {
            if (found == 0) {
                throw new ApiException(404, "not_found", "No source " + source + ": use ccpayment, price-feed, analytics or a registered source's id");
            }
            return null;
        });
    }


    private static SourcePolicyView view(Object[] row) {
        return new SourcePolicyView((String) row[8], list((String) row[0], row[1]), list((String) row[6], row[7]), (Integer) row[2], (Integer) row[3],
                (Integer) row[4], SqlTimes.toOffset(row[5]));
    }

    private static List<String> list(String joined, Object isNull) {
        return Boolean.TRUE.equals(isNull) ? null : joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
