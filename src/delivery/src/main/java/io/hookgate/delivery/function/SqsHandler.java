package io.hookgate.delivery.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.QueueMessage;
import io.hookgate.delivery.attempt.AttemptResult;
import io.hookgate.delivery.attempt.DeliveryAttemptService;
import io.hookgate.delivery.fanout.FanOutService;
import io.hookgate.core.Blocking;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.delivery.schedule.Doorbells;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The delivery function, triggered by both queues. A fan-out message becomes delivery rows and their doorbells; a
 * doorbell becomes one attempt, or a hold. Every message is acknowledged once its outcome is in the database and the
 * next doorbell it calls for has been rung: nothing waits on a queue, so holds and retries never count toward the
 * redrive limit. Only a message that could not be handled (the database or queue unreachable) is reported in
 * batchItemFailures and comes back; the reconciler rings again for anything a lost message leaves due.
 */
@Named("delivery")
public class SqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(SqsHandler.class);

    private final FanOutService fanOut;
    private final DeliveryAttemptService attempts;
    private final Doorbells doorbells;
    private final QueueConfig queues;
    private final ObjectMapper json;

    public SqsHandler(FanOutService fanOut, DeliveryAttemptService attempts, Doorbells doorbells, QueueConfig queues, ObjectMapper json) {
        this.fanOut = fanOut;
        this.attempts = attempts;
        this.doorbells = doorbells;
        this.queues = queues;
        this.json = json;
    }

    /** A message's outcome: the doorbells it calls for, or null when it could not be handled. */
    private record Handled(SQSEvent.SQSMessage message, List<Doorbell> next) {
    }

    /**
     * Handles a batch's messages concurrently, one virtual thread each, so a slow endpoint delays nobody else; a
     * fan-out rings its deliveries' doorbells as soon as it is done, and the batch's attempts and holds ring theirs
     * together at the end. An invocation without records (infra's deploy-time migration
     * trigger, which only needs the function to start) does nothing.
     */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(List.of());
        }
        List<Callable<Handled>> work = event.getRecords().stream()
                .<Callable<Handled>>map(message -> () -> new Handled(message, handleOrNull(message)))
                .toList();
        List<Handled> outcomes = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Handled> result : threads.invokeAll(work)) {
                outcomes.add(result.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handling a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return new SQSBatchResponse(ringOrFail(outcomes));
    }

    /** Rings what the handled messages call for; the failures are the unhandled messages, and all of them if SQS refuses. */
    private List<SQSBatchResponse.BatchItemFailure> ringOrFail(List<Handled> outcomes) {
        List<Doorbell> next = outcomes.stream().filter(h -> h.next() != null).flatMap(h -> h.next().stream()).toList();
        boolean rang = ring(next);
        return outcomes.stream()
                .filter(h -> h.next() == null || (!rang && !h.next().isEmpty()))
                .map(h -> new SQSBatchResponse.BatchItemFailure(h.message().getMessageId()))
                .toList();
    }

    private boolean ring(List<Doorbell> next) {
        try {
            doorbells.ring(next);
            return true;
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not ring %d doorbells; their messages stay on the queue", next.size());
            return false;
        }
    }

    private List<Doorbell> handleOrNull(SQSEvent.SQSMessage message) {
        try {
            return handle(message);
        } catch (RuntimeException e) {
            // The message comes back after its visibility timeout; the reconciler covers it if it is dead-lettered.
            LOG.errorf(e, "message %s failed", message.getMessageId());
            return null;
        }
    }

    private List<Doorbell> handle(SQSEvent.SQSMessage message) {
        QueueMessage body = read(message.getBody());
        return switch (body.kind()) {
            case QueueMessage.FANOUT -> {
                // a fan-out's doorbells are many: rung at once, not after the batch's slowest message
                doorbells.ring(Blocking.await(() -> fanOut.fanOut(body.events())));
                yield List.of();
            }
            case QueueMessage.DELIVER -> {
                AttemptResult result = attempts.attempt(body.deliveryId(), body.triggerOrAutomatic(), fromSlowLane(message));
                yield result.next() == null ? List.of() : List.of(result.next());
            }
            default -> {
                LOG.warnf("message %s of unknown kind %s dropped", message.getMessageId(), body.kind());
                yield List.of();
            }
        };
    }

    /** Whether the message came from the slow-deliveries queue: its source ARN ends with that queue's name. */
    private boolean fromSlowLane(SQSEvent.SQSMessage message) {
        String arn = message.getEventSourceArn();
        String url = queues.slowDeliveriesUrl();
        return arn != null && arn.endsWith(":" + url.substring(url.lastIndexOf('/') + 1));
    }

    private QueueMessage read(String body) {
        try {
            return json.readValue(body, QueueMessage.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable queue message", e);
        }
    }
}
