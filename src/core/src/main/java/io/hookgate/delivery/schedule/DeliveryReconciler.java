package io.hookgate.delivery.schedule;

import io.hookgate.alert.ExhaustedDeliveryAlerts;
import io.hookgate.core.QueueMessage;
import io.hookgate.event.OutboxPublisher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * Rings again whatever a lost, dead-lettered or never-sent message left waiting: deliveries that are due, not leased,
 * and whose doorbell is missing or long overdue; events whose outbox row is not fanned out some time after it was
 * written or published. Rows are picked with {@code FOR UPDATE SKIP LOCKED} and stamped in the same statement, so any
 * number of instances share the work without ringing a row twice; a ring that fails after the stamp is retried once
 * the grace has passed again. It also announces the {@code delivery.exhausted} digests whose window has passed.
 */
@ApplicationScoped
public class DeliveryReconciler {

    static final String DUE_WITHOUT_DOORBELL = """
            with due as (
                select d.id, e.slow_since is not null as slow
                from delivery d join endpoint e on e.id = d.endpoint_id
                where d.next_attempt_at <= clock_timestamp() + interval '1 second'
                  and d.status in ('PENDING', 'FAILED') and not (d.test and d.attempt_count > 0)
                  and (d.lease_until is null or d.lease_until < clock_timestamp())
                  and (d.doorbell_at is null or d.doorbell_at < clock_timestamp() - make_interval(secs => $1))
                order by d.next_attempt_at
                limit $2
                for update of d skip locked)
            update delivery d set doorbell_at = clock_timestamp() from due where d.id = due.id
            returning d.id, due.slow""";

    static final String NOT_FANNED_OUT = """
            with due as (
                select id from outbox
                where fanned_out_at is null
                  and coalesce(published_at, created_at) < clock_timestamp() - make_interval(secs => $1)
                order by id
                limit $2
                for update skip locked)
            update outbox o set published_at = clock_timestamp() from due where o.id = due.id
            returning o.event_id""";

    /** What one run rang again. */
    public record Reconciled(int deliveries, int events, int digests) {
    }

    private final Pool pool;
    private final Doorbells doorbells;
    private final OutboxPublisher outbox;
    private final ReconcilerConfig config;
    private final ExhaustedDeliveryAlerts exhausted;

    public DeliveryReconciler(Pool pool, Doorbells doorbells, OutboxPublisher outbox, ReconcilerConfig config,
                              ExhaustedDeliveryAlerts exhausted) {
        this.pool = pool;
        this.exhausted = exhausted;
        this.doorbells = doorbells;
        this.outbox = outbox;
        this.config = config;
    }

    public Uni<Reconciled> reconcile() {
        return republishEvents().chain(events -> ringDeliveries().chain(deliveries -> exhausted.announceDigests(config.batchSize())
                .map(digests -> new Reconciled(deliveries, events, digests))));
    }

    private Uni<Integer> ringDeliveries() {
        return pool.preparedQuery(DUE_WITHOUT_DOORBELL)
                .execute(Tuple.of(config.doorbellGrace().toMillis() / 1000.0, config.batchSize()))
                .chain(rows -> {
                    List<Doorbell> bells = new ArrayList<>();
                    for (Row row : rows) {
                        bells.add(Doorbell.now(row.getString(0), QueueMessage.AUTOMATIC, row.getBoolean(1)));
                    }
                    return doorbells.ringAsync(bells).replaceWith(bells.size());
                });
    }

    private Uni<Integer> republishEvents() {
        return pool.preparedQuery(NOT_FANNED_OUT)
                .execute(Tuple.of(config.outboxGrace().toMillis() / 1000.0, config.batchSize()))
                .chain(rows -> {
                    List<String> eventIds = new ArrayList<>();
                    rows.forEach(row -> eventIds.add(row.getString(0)));
                    return outbox.send(eventIds).replaceWith(eventIds.size());
                });
    }
}
