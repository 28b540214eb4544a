package io.hookgate.admin.deadletter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.admin.common.ApiException;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.QueueMessage;
import io.hookgate.core.SqsCalls;
import io.hookgate.delivery.Delivery;
import io.hookgate.delivery.DeliveryPlanner;
import io.hookgate.delivery.DeliveryStatus;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Puts deliveries back on the deliveries queue by hand: one dead letter, every dead letter of an endpoint (since a
 * time), or an event replayed to its current subscriptions. Rows are reset in one transaction and the messages sent
 * after it commits; each message carries its trigger, which the attempt log keeps. Deliveries still retrying
 * (FAILED) already have a message in flight and are left alone.
 */
@ApplicationScoped
public class RequeueService {

    public static final String MANUAL = "manual";
    public static final String RECOVER = "recover";
    public static final String REPLAY = "replay";
    /** Most deliveries one call requeues; the answer says whether more remain. */
    static final int MAX_PER_CALL = 1000;

    private final SqsCalls sqs;
    private final QueueConfig queues;
    private final DeliveryPlanner planner;
    private final ObjectMapper json;

    public RequeueService(SqsCalls sqs, QueueConfig queues, DeliveryPlanner planner, ObjectMapper json) {
        this.sqs = sqs;
        this.queues = queues;
        this.planner = planner;
        this.json = json;
    }

    /** How many deliveries went back on the queue, and whether more matched than one call requeues. */
    /** Also the JSON body of every requeue answer (a Response entity, so registered for native Jackson by hand). */
    @RegisterForReflection
    public record Requeued(int requeued, boolean hasMore, List<String> deliveryIds) {
    }

    public Uni<Requeued> retryOne(Delivery delivery) {
        if (delivery.status != DeliveryStatus.RETRY_EXHAUSTED) {
            throw new ApiException(409, "not_dead_lettered", "Delivery " + delivery.id + " is " + delivery.status
                    + "; only RETRY_EXHAUSTED deliveries are retried by hand");
        }
        return reset("id = :key and status = 'RETRY_EXHAUSTED'", delivery.id, null).chain(ids -> enqueueOrRevert(ids, MANUAL));
    }

    /** Every dead letter of an endpoint, or only those that failed at or after {@code since}. */
    public Uni<Requeued> retryEndpoint(String endpointId, OffsetDateTime since) {
        String where = "endpoint_id = :key and status = 'RETRY_EXHAUSTED'" + (since == null ? "" : " and updated_at >= :since");
        return reset(where, endpointId, since).chain(ids -> enqueueOrRevert(ids, since == null ? MANUAL : RECOVER));
    }

    /** Sends an event again to every endpoint it reaches now, creating deliveries for subscriptions made since. */
    public Uni<Requeued> replay(Event event) {
        return planAndReset(event).chain(ids -> enqueue(ids, REPLAY))
                .onFailure().transform(e -> new ApiException(503, "queue_unavailable", "The deliveries queue is unavailable; replay again later"));
    }

    @WithTransaction
    Uni<List<String>> planAndReset(Event event) {
        return planner.plan(event).chain(endpoints -> endpoints.isEmpty() ? Uni.createFrom().item(List.<String>of())
                : Panache.getSession().chain(session -> session.<String>createNativeQuery("""
                                update delivery set status = 'PENDING', next_retry_at = null, updated_at = now()
                                where event_id = :event and endpoint_id in (:endpoints) and status <> 'FAILED'
                                returning id""")
                        .setParameter("event", event.id)
                        .setParameter("endpoints", endpoints.stream().map(e -> e.id).toList())
                        .getResultList()));
    }

    @WithTransaction
    Uni<List<String>> reset(String where, String key, OffsetDateTime since) {
        return Panache.getSession().chain(session -> {
            var query = session.<String>createNativeQuery("""
                    update delivery set status = 'PENDING', next_retry_at = null, updated_at = now()
                    where id in (select id from delivery where %s order by id limit %d for update skip locked)
                    returning id""".formatted(where, MAX_PER_CALL));
            query.setParameter("key", key);
            if (since != null) {
                query.setParameter("since", since);
            }
            return query.getResultList();
        });
    }

    /** Dead letters whose message could not be sent go back to RETRY_EXHAUSTED, so nothing is left without a message. */
    private Uni<Requeued> enqueueOrRevert(List<String> ids, String trigger) {
        return enqueue(ids, trigger).onFailure().recoverWithUni(e -> revert(ids)
                .chain(() -> Uni.createFrom().failure(new ApiException(503, "queue_unavailable",
                        "The deliveries queue is unavailable; nothing was requeued, try again later"))));
    }

    @WithTransaction
    Uni<Integer> revert(List<String> ids) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update delivery set status = 'RETRY_EXHAUSTED' where id in (:ids) and status = 'PENDING'")
                .setParameter("ids", ids).executeUpdate());
    }

    /** Sends a deliver message for each delivery, logged with {@code trigger}; fails when the queue refuses them. */
    public Uni<Requeued> enqueue(List<String> ids, String trigger) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(new Requeued(0, false, ids));
        }
        List<List<String>> batches = new java.util.ArrayList<>();
        for (int from = 0; from < ids.size(); from += 10) {
            batches.add(ids.subList(from, Math.min(from + 10, ids.size())));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUniAndConcatenate(batch -> sqs.call(client -> client.sendMessageBatch(b -> b
                        .queueUrl(queues.deliveriesUrl())
                        .entries(batch.stream().map(id -> SendMessageBatchRequestEntry.builder().id(id)
                                .messageBody(write(QueueMessage.deliver(id, trigger))).build()).toList()))))
                .collect().asList()
                .map(sent -> new Requeued(ids.size(), ids.size() == MAX_PER_CALL, ids));
    }

    private String write(QueueMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
