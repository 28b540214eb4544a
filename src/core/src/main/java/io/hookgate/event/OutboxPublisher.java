package io.hookgate.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.QueueMessage;
import io.hookgate.core.SqsCalls;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.stream.Collectors;

/**
 * Publishes committed events to the events queue and marks their outbox rows. A failure leaves the row unpublished
 * for {@link #sweep}, so an event that was committed always reaches the queue.
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
                    LOG.warnf(e, "event %s stays in the outbox for the sweeper", eventId);
                    return Uni.createFrom().voidItem();
                });
    }

    /** Publishes outbox rows older than the given age that are still unpublished; returns how many it tried. */
    public Uni<Integer> sweep(int olderThanSeconds, int limit) {
        return pool.preparedQuery("""
                        select event_id from outbox where published_at is null and created_at < now() - make_interval(secs => $1)
                        order by id limit $2""")
                .execute(Tuple.of(olderThanSeconds, limit))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> publish(row.getString(0)))
                .collect().with(Collectors.counting())
                .map(Long::intValue);
    }

    private String body(String eventId) {
        try {
            return json.writeValueAsString(QueueMessage.fanout(eventId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
