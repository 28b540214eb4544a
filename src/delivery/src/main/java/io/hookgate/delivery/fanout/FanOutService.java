package io.hookgate.delivery.fanout;

import io.hookgate.core.QueueMessage;
import io.hookgate.delivery.DeliveryPlanner;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Turns one event into one delivery row per matching enabled endpoint and marks its outbox row fanned out, in one
 * transaction. Idempotent: a redelivered fan-out message inserts nothing new and rings again for the deliveries that
 * are due and still await their first attempt (a held one keeps the doorbell of its hold).
 */
@ApplicationScoped
public class FanOutService {

    private static final Logger LOG = Logger.getLogger(FanOutService.class);

    static final String AWAITING_FIRST_ATTEMPT = """
            update delivery d set doorbell_at = clock_timestamp()
            from endpoint e
            where d.event_id = :event and e.id = d.endpoint_id
              and d.attempt_count = 0 and d.status = 'PENDING' and d.next_attempt_at <= clock_timestamp()
              and (d.lease_until is null or d.lease_until < clock_timestamp())
            returning d.id, e.slow_since is not null""";

    private final DeliveryPlanner planner;

    public FanOutService(DeliveryPlanner planner) {
        this.planner = planner;
    }

    /** The doorbells to ring; none when the event is unknown or nobody subscribes. */
    @WithTransaction
    public Uni<List<Doorbell>> fanOut(String eventId) {
        return Event.<Event>findById(eventId).chain(event -> {
            if (event == null) {
                LOG.warnf("fan-out of unknown event %s ignored", eventId);
                return Uni.createFrom().item(List.<Doorbell>of());
            }
            return planner.plan(event).chain(() -> Panache.getSession().chain(session -> session
                    .createNativeQuery("update outbox set fanned_out_at = now() where event_id = :event and fanned_out_at is null")
                    .setParameter("event", eventId).executeUpdate()
                    .chain(() -> session.<Object[]>createNativeQuery(AWAITING_FIRST_ATTEMPT).setParameter("event", eventId).getResultList())
                    .map(rows -> rows.stream()
                            .map(row -> Doorbell.now((String) row[0], QueueMessage.AUTOMATIC, Boolean.TRUE.equals(row[1])))
                            .toList())));
        });
    }
}
