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
import jakarta.inject.Named;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The delivery function, triggered by both queues. A fan-out message becomes delivery messages; a delivery message
 * becomes one signed attempt. A failed attempt's message is hidden for the retry delay with ChangeMessageVisibility and
 * reported in batchItemFailures, so SQS itself schedules the retry.
 */
@Named("delivery")
public class SqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = Logger.getLogger(SqsHandler.class);
    static final int SQS_BATCH_LIMIT = 10;

    private final FanOutService fanOut;
    private final DeliveryAttemptService attempts;
    private final SqsClient sqs;
    private final QueueConfig queues;
    private final ObjectMapper json;

    public SqsHandler(FanOutService fanOut, DeliveryAttemptService attempts, SqsClient sqs, QueueConfig queues, ObjectMapper json) {
        this.fanOut = fanOut;
        this.attempts = attempts;
        this.sqs = sqs;
        this.queues = queues;
        this.json = json;
    }

    /**
     * Handles a batch's messages concurrently, one virtual thread each, so a slow endpoint delays nobody else. An
     * invocation without records (infra's deploy-time migration trigger, which only needs the function to start) does
     * nothing.
     */
    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        if (event == null || event.getRecords() == null) {
            return new SQSBatchResponse(List.of());
        }
        List<Callable<SQSBatchResponse.BatchItemFailure>> work = event.getRecords().stream()
                .<Callable<SQSBatchResponse.BatchItemFailure>>map(message -> () -> handleOrFail(message))
                .toList();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<SQSBatchResponse.BatchItemFailure> result : threads.invokeAll(work)) {
                SQSBatchResponse.BatchItemFailure failure = result.get();
                if (failure != null) {
                    failures.add(failure);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handling a batch", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return new SQSBatchResponse(failures);
    }

    /** Null when the message is done; otherwise the failure that keeps it on its queue. */
    private SQSBatchResponse.BatchItemFailure handleOrFail(SQSEvent.SQSMessage message) {
        try {
            return handle(message) ? null : new SQSBatchResponse.BatchItemFailure(message.getMessageId());
        } catch (RuntimeException e) {
            // The message comes back after its visibility timeout; the redrive policy dead-letters a poison one.
            LOG.errorf(e, "message %s failed", message.getMessageId());
            return new SQSBatchResponse.BatchItemFailure(message.getMessageId());
        }
    }

    /** Returns false when the message must stay on its queue. */
    private boolean handle(SQSEvent.SQSMessage message) {
        QueueMessage body = read(message.getBody());
        return switch (body.kind()) {
            case QueueMessage.FANOUT -> {
                List<String> deliveryIds = Blocking.await(() -> fanOut.fanOut(body.eventId()));
                enqueue(deliveryIds);
                yield true;
            }
            case QueueMessage.DELIVER -> {
                boolean slowLane = fromSlowLane(message);
                AttemptResult result = attempts.attempt(body.deliveryId(), body.triggerOrAutomatic(), slowLane);
                if (result.toSlowLane()) {
                    sqs.sendMessage(b -> b.queueUrl(queues.slowDeliveriesUrl()).messageBody(message.getBody()));
                    yield true;
                }
                if (result.retry()) {
                    int seconds = (int) Math.max(0, Math.ceil(result.retryIn().toMillis() / 1000.0));
                    sqs.changeMessageVisibility(b -> b.queueUrl(slowLane ? queues.slowDeliveriesUrl() : queues.deliveriesUrl()).receiptHandle(message.getReceiptHandle()).visibilityTimeout(seconds));
                    yield false;
                }
                yield true;
            }
            default -> {
                LOG.warnf("message %s of unknown kind %s dropped", message.getMessageId(), body.kind());
                yield true;
            }
        };
    }

    /** Whether the message came from the slow-deliveries queue: its source ARN ends with that queue's name. */
    private boolean fromSlowLane(SQSEvent.SQSMessage message) {
        String arn = message.getEventSourceArn();
        String url = queues.slowDeliveriesUrl();
        return arn != null && arn.endsWith(":" + url.substring(url.lastIndexOf('/') + 1));
    }

    private void enqueue(List<String> deliveryIds) {
        for (int from = 0; from < deliveryIds.size(); from += SQS_BATCH_LIMIT) {
            List<SendMessageBatchRequestEntry> entries = deliveryIds.subList(from, Math.min(from + SQS_BATCH_LIMIT, deliveryIds.size()))
                    .stream()
                    .map(id -> SendMessageBatchRequestEntry.builder().id(id).messageBody(write(QueueMessage.deliver(id, QueueMessage.AUTOMATIC))).build())
                    .toList();
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queues.deliveriesUrl()).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("could not enqueue deliveries " + response.failed());
            }
        }
    }

    private QueueMessage read(String body) {
        try {
            return json.readValue(body, QueueMessage.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("unreadable queue message", e);
        }
    }

    private String write(QueueMessage message) {
        try {
            return json.writeValueAsString(message);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
