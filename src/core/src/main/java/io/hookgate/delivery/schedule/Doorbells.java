package io.hookgate.delivery.schedule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.QueueMessage;
import io.hookgate.core.SqsBatches;
import io.hookgate.core.SqsCalls;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Rings doorbells: one deliver message per delivery on its lane's queue, delayed with SQS's own DelaySeconds. A
 * doorbell is never kept on a queue to wait (that would spend receives toward the redrive limit): anything due later
 * than {@link #MAX_DELAY} is left to the reconciler, which rings when the row says it is due.
 */
@ApplicationScoped
public class Doorbells {

    /** SQS's longest message delay. */
    public static final Duration MAX_DELAY = Duration.ofSeconds(900);

    private final SqsClient sqs;
    private final SqsCalls calls;
    private final QueueConfig queues;
    private final ObjectMapper json;

    public Doorbells(SqsClient sqs, SqsCalls calls, QueueConfig queues, ObjectMapper json) {
        this.sqs = sqs;
        this.calls = calls;
        this.queues = queues;
        this.json = json;
    }

    /** Whether a delivery due after {@code wait} gets a doorbell now, rather than from the reconciler when due. */
    public static boolean ringsFor(Duration wait) {
        return wait.compareTo(MAX_DELAY) <= 0;
    }

    /** Blocking: rings every doorbell, ten to a request; fails if SQS refuses any of them. */
    public void ring(List<Doorbell> bells) {
        for (boolean slow : List.of(false, true)) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Doorbell bell : bells) {
                if (bell.slowLane() == slow) {
                    entries.add(SendMessageBatchRequestEntry.builder().id("b" + entries.size())
                            .messageBody(write(QueueMessage.deliver(bell.deliveryId(), bell.trigger())))
                            .delaySeconds(delaySeconds(bell.delay())).build());
                }
            }
            SqsBatches.send(sqs, slow ? queues.slowDeliveriesUrl() : queues.deliveriesUrl(), entries);
        }
    }

    /** As {@link #ring}, for reactive callers: on a worker thread, the result back on the caller's context. */
    public Uni<Void> ringAsync(List<Doorbell> bells) {
        if (bells.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return calls.call(client -> {
            ring(bells);
            return null;
        }).replaceWithVoid();
    }

    /** Whole seconds, rounded up so a doorbell never rings before its delivery is due, within SQS's range. */
    static int delaySeconds(Duration delay) {
        long seconds = (long) Math.ceil(Math.max(0, delay.toMillis()) / 1000.0);
        return (int) Math.min(seconds, MAX_DELAY.toSeconds());
    }

    private String write(QueueMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
