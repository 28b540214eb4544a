package io.hookgate.admin.deadletter;

import io.hookgate.admin.common.ApiException;
import io.hookgate.delivery.Delivery;
import io.hookgate.delivery.DeliveryPlanner;
import io.hookgate.delivery.DeliveryStatus;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.delivery.schedule.Doorbells;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends deliveries again by hand: one dead letter, every dead letter of an endpoint or an organisation (since a time), or an event
 * replayed to its current subscriptions. Rows are made due in one transaction and their doorbells rung after it
 * commits; each doorbell carries its trigger, which the attempt log keeps. Deliveries still under way are left alone.
 */
@ApplicationScoped
public class RequeueService {

    public static final String MANUAL = "manual";
    public static final String RECOVER = "recover";
    public static final String REPLAY = "replay";
    /** Most deliveries one call requeues; the answer says whether more remain. */
    static final int MAX_PER_CALL = 1000;

    private static final Logger LOG = Logger.getLogger(RequeueService.class);

    private final Doorbells doorbells;
    private final DeliveryPlanner planner;

    public RequeueService(Doorbells doorbells, DeliveryPlanner planner) {
        this.doorbells = doorbells;
        this.planner = planner;
    }

    /**
     * How many deliveries were sent again, and whether more matched than one call requeues. Also the JSON body of every requeue answer (a Response entity, so registered for native Jackson by hand).
     */
    @RegisterForReflection
    public record Requeued(int requeued, boolean hasMore, List<String> deliveryIds) {
    }

    public Uni<Requeued> retryOne(Delivery delivery) {
        if (delivery.status != DeliveryStatus.RETRY_EXHAUSTED) {
            throw new ApiException(409, "not_dead_lettered", "Delivery " + delivery.id + " is " + delivery.status
                    + "; only RETRY_EXHAUSTED deliveries are retried by hand");
        }
        return reset("id = :id and status = 'RETRY_EXHAUSTED'", Map.of("id", delivery.id)).chain(ids -> ring(ids, MANUAL));
    }

    /** Every dead letter of an endpoint, or only those that failed at or after {@code since}. */
    public Uni<Requeued> retryEndpoint(String endpointId, OffsetDateTime since) {
        return retryDeadLetters(null, endpointId, since);
    }

    /**
     * Every dead letter of an organisation (of every one when {@code tenantId} is null), of one endpoint when
     * {@code endpointId} is given, and only those that failed at or after {@code since} when it is given. A deleted
     * endpoint's dead letters stay as they are.
     */
    public Uni<Requeued> retryDeadLetters(String tenantId, String endpointId, OffsetDateTime since) {
        List<String> where = new ArrayList<>(List.of("status = 'RETRY_EXHAUSTED'",
                "endpoint_id in (select id from endpoint where deleted_at is null)"));
        Map<String, Object> parameters = new HashMap<>();
        if (tenantId != null) {
            where.add("tenant_id = :tenant");
            parameters.put("tenant", tenantId);
        }
        if (endpointId != null) {
            where.add("endpoint_id = :endpoint");
            parameters.put("endpoint", endpointId);
        }
        if (since != null) {
            where.add("updated_at >= :since");
            parameters.put("since", since);
        }
        return reset(String.join(" and ", where), parameters).chain(ids -> ring(ids, since == null ? MANUAL : RECOVER));
    }

    /**
     * Sends an event again to every endpoint it reaches now, creating deliveries for subscriptions made since. A
     * delivery still under way (waiting for a retry, held, or being attempted) is left as it is.
     */
    public Uni<Requeued> replay(Event event) {
        return planAndReset(event).chain(ids -> ring(ids, REPLAY));
    }

    @WithTransaction
    Uni<List<String>> planAndReset(Event event) {
        return planner.plan(event).chain(endpoints -> endpoints.isEmpty() ? Uni.createFrom().item(List.<String>of())
                : Panache.getSession().chain(session -> session.<String>createNativeQuery("""
                                update delivery set status = 'PENDING', next_retry_at = null, next_attempt_at = now(),
                                    doorbell_at = now(), updated_at = now()
                                where event_id = :event and endpoint_id in (:endpoints) and not test
                                  and (status in ('SUCCESS', 'RETRY_EXHAUSTED')
                                       or (status = 'PENDING' and attempt_count = 0 and lease_until is null and rate_slot_at is null))
                                returning id""")
                        .setParameter("event", event.id)
                        .setParameter("endpoints", endpoints.stream().map(e -> e.id).toList())
                        .getResultList()));
    }

    /** Makes matching dead letters due now; they are PENDING in the database before any doorbell rings. */
    @WithTransaction
    Uni<List<String>> reset(String where, Map<String, Object> parameters) {
        return Panache.getSession().chain(session -> {
            var query = session.<String>createNativeQuery("""
                    update delivery set status = 'PENDING', next_retry_at = null, next_attempt_at = now(), doorbell_at = now(),
                        updated_at = now()
                    where id in (select id from delivery where %s order by id limit %d for update skip locked)
                    returning id""".formatted(where, MAX_PER_CALL));
            parameters.forEach(query::setParameter);
            return query.getResultList();
        });
    }

    /**
     * Rings the doorbells of deliveries already made due in the database. If SQS refuses, the answer still stands: the
     * reconciler rings them once its grace has passed.
     */
    private Uni<Requeued> ring(List<String> ids, String trigger) {
        return enqueue(ids, trigger).onFailure().recoverWithItem(e -> {
            LOG.warnf("could not ring %d doorbells (%s); the reconciler rings them", ids.size(), e.toString());
            return new Requeued(ids.size(), ids.size() == MAX_PER_CALL, ids);
        });
    }

    /** Rings a doorbell for each delivery, logged with {@code trigger}; fails when the queue refuses them. */
    public Uni<Requeued> enqueue(List<String> ids, String trigger) {
        return doorbells.ringAsync(ids.stream().map(id -> Doorbell.now(id, trigger, false)).toList())
                .map(rang -> new Requeued(ids.size(), ids.size() == MAX_PER_CALL, ids));
    }
}
