package io.hookgate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.NaturalBatches;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.QueueMessage;
import io.hookgate.core.SqsBatches;
import io.hookgate.core.SqsCalls;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Publishes committed events to the events queue and marks their outbox rows published. Events travel packed: one
 * fan-out message names up to {@link QueueMessage#MAX_EVENTS} of them, so a burst costs one message (and one fan-out
 * transaction) per hundred events rather than one per event. A row stays pending until the fan-out marks it done, so
 * a failed publish, or a message lost later, is published again by
 * {@link io.hookgate.delivery.schedule.DeliveryReconciler}: an event that was committed always reaches the fan-out.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final SqsCalls sqs;
    private final QueueConfig queues;
    private final Pool pool;
    private final ObjectMapper json;
    private final NaturalBatches<String, Void> batches;

    public OutboxPublisher(SqsCalls sqs, QueueConfig queues, Pool pool, ObjectMapper json, OutboxConfig config) {
        this.sqs = sqs;
        this.queues = queues;
        this.pool = pool;
        this.json = json;
        this.batches = new NaturalBatches<>(QueueMessage.MAX_EVENTS, config.maxBatchesInFlight(), this::publishBatch);
    }

    /**
     * Call only after the transaction that wrote the event and its outbox row has committed. Never fails: completes
     * once the event's message is sent and its row marked, or once sending failed and the row was left for the
     * reconciler. Concurrent calls share one message (natural batching, {@link OutboxConfig#maxBatchesInFlight()}).
     */
    public Uni<Void> publish(String eventId) {
        return batches.submit(eventId);
    }

    /** SendMessage calls made so far by {@link #publish}: with the events published, the batching achieved. */
    public long batchesSent() {
        return batches.batches();
    }

    /** One message for the batch, then one update for its rows; if SQS refuses, the rows stay for the reconciler. */
    private Uni<List<Void>> publishBatch(List<String> eventIds) {
        String body = body(eventIds);
        return sqs.call(client -> client.sendMessage(b -> b.queueUrl(queues.eventsUrl()).messageBody(body)))
                .chain(() -> pool.preparedQuery("update outbox set published_at = now() where event_id = any($1) and published_at is null")
                        .execute(Tuple.of(eventIds.toArray(String[]::new))))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "%d events stay in the outbox for the reconciler", eventIds.size());
                    return Uni.createFrom().voidItem();
                })
                .replaceWith(Collections.nCopies(eventIds.size(), null));
    }

    /**
     * Sends the fan-out messages of events whose rows the caller has already stamped published (the relay's claim, the
     * reconciler's overdue rows), packed; fails if SQS refuses any, and the reconciler tries again once their grace
     * has passed.
     */
    public Uni<Void> send(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int from = 0; from < eventIds.size(); from += QueueMessage.MAX_EVENTS) {
            List<String> packed = eventIds.subList(from, Math.min(from + QueueMessage.MAX_EVENTS, eventIds.size()));
            entries.add(SendMessageBatchRequestEntry.builder().id("m" + entries.size()).messageBody(body(packed)).build());
        }
        return sqs.call(client -> {
            SqsBatches.send(client, queues.eventsUrl(), entries);
            return null;
        }).replaceWithVoid();
    }

    private String body(List<String> eventIds) {
        try {
            return json.writeValueAsString(QueueMessage.fanout(eventIds));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
