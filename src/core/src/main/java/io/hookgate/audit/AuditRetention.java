package io.hookgate.audit;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Deletes security audit rows beyond {@link AuditConfig#retention()}, a batch per statement until none is left. */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final Pool pool;
    private final AuditConfig config;

    public AuditRetention(Pool pool, AuditConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(identity = "audit-retention", every = "${hookgate.audit.sweep-every:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return sweep()
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("deleted %d security audit rows older than %s", deleted, config.retention());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("audit retention sweep failed (%s); the next run tries again", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Deletes every security audit row older than the retention, and with them the admin actions logged before it, the
     * suspicious-activity counts whose window is a day old and the blocks that ended before it; answers how many
     * security audit rows.
     */
    public Uni<Long> sweep() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        return batch(before, 0).call(() -> pool.preparedQuery("delete from inbound_strike where window_start < now() - interval '1 day'")
                .execute()).call(() -> pool.preparedQuery("delete from inbound_block where coalesce(lifted_at, expires_at) < $1")
                .execute(Tuple.of(before))).call(() -> pool.preparedQuery("delete from admin_audit where created_at < $1")
                .execute(Tuple.of(before)));
    }

    private Uni<Long> batch(OffsetDateTime before, long deletedSoFar) {
        return pool.preparedQuery("""
                        delete from security_audit where id in (
                            select id from security_audit where created_at < $1 order by created_at limit $2)""")
                .execute(Tuple.of(before, config.batchSize()))
                .chain(rows -> rows.rowCount() < config.batchSize() ? Uni.createFrom().item(deletedSoFar + rows.rowCount())
                        : batch(before, deletedSoFar + rows.rowCount()));
    }
}
