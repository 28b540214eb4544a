package io.hookgate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.NaturalBatches;
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
 * Publishes committed events to the events queue, in batches, and marks their outbox rows published. A row stays pending until
 * the fan-out marks it done, so a failed publish, or a message lost later, is published again by
 * {@link io.hookgate.delivery.schedule.DeliveryReconciler}: an event that was committed always reaches the fan-out.
 */
@ApplicationScoped
public class OutboxPublisher {

    private static final Logger LOG = Logger.getLogger(OutboxPublisher.class);
    /** SendMessageBatch's most entries. */
    private static final int BATCH = 10;

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
        this.batches = new NaturalBatches<>(BATCH, config.maxBatchesInFlight(), this::send);
    }

    /**
     * Call only after the transaction that wrote the events and outbox rows has committed. Never fails: completes once
     * the event's message is sent and its row marked, or once sending failed and the row was left for the reconciler.
     * Concurrent calls share SendMessageBatch calls (natural batching, {@link OutboxConfig#maxBatchesInFlight()}), and
     * their rows are marked with one statement per batch.
     */
    public Uni<Void> publish(String eventId) {
        return batches.submit(eventId);
    }

    /** SendMessageBatch calls made so far by {@link #publish}: with the events published, the batching achieved. */
    public long batchesSent() {
        return batches.batches();
    }

    /** One SendMessageBatch, then one update for the rows it sent; what SQS refused stays for the reconciler. */
    private Uni<List<Void>> send(List<String> batch) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(body(batch.get(i))).build());
        }
        List<Void> done = Collections.nCopies(batch.size(), null);
        return sqs.call(client -> client.sendMessageBatch(b -> b.queueUrl(queues.eventsUrl()).entries(entries)))
                .chain(response -> {
                    response.failed().forEach(failure -> LOG.warnf("event %s stays in the outbox for the reconciler: SQS said %s",
                            batch.get(Integer.parseInt(failure.id())), failure.message()));
                    String[] sent = response.successful().stream().map(ok -> batch.get(Integer.parseInt(ok.id())))
                            .toArray(String[]::new);
                    return sent.length == 0 ? Uni.createFrom().voidItem()
                            : pool.preparedQuery("update outbox set published_at = now() where event_id = any($1) and published_at is null")
                                    .execute(Tuple.of(sent)).replaceWithVoid();
                })
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "%d events stay in the outbox for the reconciler", batch.size());
                    return Uni.createFrom().voidItem();
                })
                .replaceWith(done);
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
