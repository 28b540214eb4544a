package io.hookgate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;

/**
 * Publishes committed events to the events queue and marks their outbox rows published. A row stays pending until
 * the fan-out marks it done, so a failed publish, or a message lost later, is published again by
 * {@link io.hookgate.delivery.schedule.DeliveryReconciler}: an event that was committed always reaches the fan-out.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);

    private final SqsCalls sqs;
    private final QueueConfig queues;
    private final Pool pool;
    private final ObjectMapper json;

    public OutboxPublisher(SqsCalls sqs, QueueConfig queues, Pool pool, ObjectMapper json) {
        this.sqs = sqs;
        this.queues = queues;
        this.pool = pool;
        this.json = json;
    }

    /** Call only after the transaction that wrote the events and outbox rows has committed. Never fails. */
    public Uni<Void> publish(String eventId) {
        return sqs.call(client -> client.sendMessage(b -> b.queueUrl(queues.eventsUrl()).messageBody(body(eventId))))
                .chain(() -> pool.preparedQuery("update outbox set published_at = now() where event_id = $1 and published_at is null")
                        .execute(Tuple.of(eventId)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "event %s stays in the outbox for the reconciler", eventId);
                    return Uni.createFrom().voidItem();
                });
    }

    /**
     * Sends the fan-out messages of events the reconciler found not fanned out (it has stamped their rows already);
     * fails if SQS refuses any, and the reconciler's next pass tries again.
     */
    public Uni<Void> resend(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (String eventId : eventIds) {
            entries.add(SendMessageBatchRequestEntry.builder().id("e" + entries.size()).messageBody(body(eventId)).build());
        }
        return sqs.call(client -> {
            SqsBatches.send(client, queues.eventsUrl(), entries);
            return null;
        }).replaceWithVoid();
    }

    private String body(String eventId) {
        try {
            return json.writeValueAsString(QueueMessage.fanout(eventId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
