package io.hookgate.delivery.fanout;

import io.hookgate.delivery.DeliveryPlanner;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Turns one event into one delivery row per matching enabled endpoint. Idempotent: a redelivered fan-out message
 * inserts nothing new and returns the deliveries that still await their first attempt.
 */
@ApplicationScoped
public class FanOutService {

    private static final Logger LOG = Logger.getLogger(FanOutService.class);

    private final DeliveryPlanner planner;

    public FanOutService(DeliveryPlanner planner) {
        this.planner = planner;
    }

    /** The ids of the deliveries to enqueue; empty when the event is unknown or nobody subscribes. */
    @WithTransaction
    public Uni<List<String>> fanOut(String eventId) {
        return Event.<Event>findById(eventId).chain(event -> {
            if (event == null) {
                LOG.warnf("fan-out of unknown event %s ignored", eventId);
                return Uni.createFrom().item(List.<String>of());
            }
            return planner.plan(event)
                    .chain(() -> Panache.getSession().chain(session -> session.<String>createNativeQuery(
                                    "select id from delivery where event_id = :event and status = 'PENDING' and attempt_count = 0 order by id")
                            .setParameter("event", eventId).getResultList()));
        });
    }
}
