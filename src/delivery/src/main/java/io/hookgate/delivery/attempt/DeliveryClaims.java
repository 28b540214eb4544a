package io.hookgate.delivery.attempt;

import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.delivery.schedule.Doorbells;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

/**
 * Claims a delivery for one attempt with a lease, so that two doorbells never give two concurrent attempts and an
 * attempt whose process died is retried once its lease has expired; and decides what a doorbell that finds its
 * delivery unclaimable does. Call inside a transaction.
 */
@ApplicationScoped
public class DeliveryClaims {

    /** A doorbell may ring this much before its delivery is due (SQS delays are whole seconds, clocks differ). */
    static final String EARLY = "interval '1 second'";

    static final String CLAIM = """
            update delivery d set lease_id = :lease, doorbell_at = null,
                lease_until = clock_timestamp() + make_interval(secs => e.timeout_ms / 1000.0 + :margin)
            from endpoint e
            where d.id = :id and e.id = d.endpoint_id
              and d.status in ('PENDING', 'FAILED') and not (d.test and d.attempt_count > 0)
              and d.next_attempt_at <= clock_timestamp() + %s
              and (d.lease_until is null or d.lease_until < clock_timestamp())
            returning d.id""".formatted(EARLY);

    /**
     * A doorbell that came early rings again for the due time, unless another doorbell is already expected then; one
     * for a delivery due beyond SQS's longest delay leaves it to the reconciler. Finished or leased deliveries need
     * nothing.
     */
    static final String RESCHEDULE_EARLY_DOORBELL = """
            update delivery d set doorbell_at = case
                    when d.next_attempt_at <= clock_timestamp() + make_interval(secs => :max) then d.next_attempt_at end
            from endpoint e
            where d.id = :id and e.id = d.endpoint_id
              and d.status in ('PENDING', 'FAILED') and not (d.test and d.attempt_count > 0)
              and d.next_attempt_at > clock_timestamp() + %1$s
              and (d.lease_until is null or d.lease_until < clock_timestamp())
              and (d.doorbell_at is null or d.doorbell_at <= clock_timestamp() + %1$s)
            returning extract(epoch from d.next_attempt_at - clock_timestamp()), e.slow_since is not null, d.doorbell_at is not null"""
            .formatted(EARLY);

    private final DeliveryConfig config;

    public DeliveryClaims(DeliveryConfig config) {
        this.config = config;
    }

    /** Whether this call now holds the delivery's lease {@code leaseId}. */
    public Uni<Boolean> claim(String deliveryId, String leaseId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM)
                        .setParameter("id", deliveryId).setParameter("lease", leaseId)
                        .setParameter("margin", config.leaseMargin().toMillis() / 1000.0)
                        .getResultList())
                .map(claimed -> !claimed.isEmpty());
    }

    /** The doorbell to ring for a delivery that a doorbell found not yet due, or null when none is needed. */
    public Uni<Doorbell> rescheduleEarly(String deliveryId, String trigger) {
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery(RESCHEDULE_EARLY_DOORBELL)
                        .setParameter("id", deliveryId).setParameter("max", (double) Doorbells.MAX_DELAY.toSeconds())
                        .getResultList())
                .map(rows -> rung(deliveryId, trigger, rows));
    }

    private static Doorbell rung(String deliveryId, String trigger, List<Object[]> rows) {
        if (rows.isEmpty() || !Boolean.TRUE.equals(rows.getFirst()[2])) {
            return null;
        }
        Object[] row = rows.getFirst();
        long millis = (long) Math.ceil(((Number) row[0]).doubleValue() * 1000);
        return new Doorbell(deliveryId, trigger, Duration.ofMillis(Math.max(0, millis)), Boolean.TRUE.equals(row[1]));
    }
}
