package io.hookgate.admin.source;

import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.SqlTimes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The addresses the ingest function blocked for a source ({@code inbound_block}): listed newest first, and lifted by
 * an admin, which also forgets the address's strikes so that it starts with a clean slate. Ingest instances stop
 * refusing it within their policy cache TTL.
 */
@ApplicationScoped
public class BlockedAddressService {

    /** Where ingest counts probes of unknown registered-source ids; its blocks apply to every registered source. */
    static final String REGISTERED_SOURCES = "sources";

    /** A source's blocks, or every source's when {@code source} is null, newest first; only active ones unless {@code all}. */
    @WithSession
    public Uni<Page<BlockedAddressView>> list(String source, boolean all, String startingAfter, int limit) {
        Uni<Void> known = source == null ? Uni.createFrom().voidItem() : requireSource(source);
        return known.chain(() -> Panache.getSession()).chain(session -> session.<Object[]>createNativeQuery("""
                        select id, source, client_ip, reason, strikes, blocked_at, expires_at,
                               lifted_at is null and expires_at > now(), lifted_at, lifted_by
                        from inbound_block
                        where (cast(:source as text) is null or source = :source) and (cast(:after as text) is null or id < :after)
                          and (:all or (lifted_at is null and expires_at > now()))
                        order by id desc limit :limit""")
                .setParameter("source", source).setParameter("after", startingAfter).setParameter("all", all)
                .setParameter("limit", limit + 1).getResultList())
                .map(rows -> Page.of(rows, limit, BlockedAddressService::view, row -> (String) row[0]));
    }

    /** Lifts the block (and every other active block of the same address for the source); 404 for an unknown id. */
    @WithTransaction
    public Uni<BlockedAddressView> lift(String source, String id, String keyId) {
        return requireSource(source).chain(() -> Panache.getSession()).chain(session -> session.<Object[]>createNativeQuery("""
                        with target as (select source, client_ip from inbound_block where id = :id and source = :source),
                        lifted as (
                            update inbound_block b set lifted_at = now(), lifted_by = :key
                            from target where b.source = target.source and b.client_ip = target.client_ip and b.lifted_at is null
                            returning b.id),
                        forgotten as (
                            delete from inbound_strike s using target where s.source = target.source and s.client_ip = target.client_ip
                            returning 1)
                        select (select count(*) from lifted), (select count(*) from forgotten), (select count(*) from target)""")
                        .setParameter("id", id).setParameter("source", source).setParameter("key", keyId).getSingleResult()
                        .chain(counts -> {
                            if (((Number) counts[2]).longValue() == 0) {
                                throw ApiException.notFound("blocked address", id);
                            }
                            return session.<Object[]>createNativeQuery("""
                                            select id, source, client_ip, reason, strikes, blocked_at, expires_at,
                                                   lifted_at is null and expires_at > now(), lifted_at, lifted_by
                                            from inbound_block where id = :id""")
                                    .setParameter("id", id).getSingleResult().map(BlockedAddressService::view);
                        }));
    }

    private static Uni<Void> requireSource(String source) {
        return REGISTERED_SOURCES.equals(source) ? Uni.createFrom().voidItem() : SourcePolicyService.requireSource(source);
    }

    private static BlockedAddressView view(Object[] row) {
        return new BlockedAddressView((String) row[0], (String) row[1], (String) row[2], (String) row[3], ((Number) row[4]).intValue(),
                SqlTimes.toOffset(row[5]), SqlTimes.toOffset(row[6]), Boolean.TRUE.equals(row[7]), SqlTimes.toOffset(row[8]), (String) row[9]);
    }
}
