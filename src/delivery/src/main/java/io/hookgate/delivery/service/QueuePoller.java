package io.hookgate.delivery.service;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.hookgate.core.QueueConfig;
import io.hookgate.delivery.function.SqsHandler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * Lambda's SQS event-source mapping, in process, for running delivery without AWS: long-polls the events, deliveries
 * and slow-deliveries queues, hands each batch to {@link SqsHandler} and deletes every message it did not report as
 * failed. A failed one stays and comes back after its visibility timeout (or the retry delay the handler set), and the
 * queue's redrive policy dead-letters it in the end, exactly as on AWS.
 */
@ApplicationScoped
public class QueuePoller {

    private static final Logger LOG = Logger.getLogger(QueuePoller.class);

    private final SqsHandler handler;
    private final SqsClient sqs;
    private final QueueConfig queues;
    private final QueuePollerConfig config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final LongAdder receives = new LongAdder();
    private final LongAdder received = new LongAdder();

    public QueuePoller(SqsHandler handler, SqsClient sqs, QueueConfig queues, QueuePollerConfig config) {
        this.handler = handler;
        this.sqs = sqs;
        this.queues = queues;
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        running.set(true);
        for (String queue : List.of(queues.eventsUrl(), queues.deliveriesUrl(), queues.slowDeliveriesUrl())) {
            for (int i = 0; i < config.concurrency(); i++) {
                threads.add(Thread.ofVirtual().name("queue-poller-" + name(queue) + "-" + i).start(() -> poll(queue)));
            }
        }
        LOG.infof("polling the events, deliveries and slow-deliveries queues, %d batches in flight each", config.concurrency());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (!running.getAndSet(false)) {
            return;
        }
        threads.forEach(Thread::interrupt);
        // how full the receives were: SQS returns at most ten messages to one
        LOG.infof("received %d messages in %d receives", received.sum(), receives.sum());
    }

    private void poll(String queue) {
        while (running.get()) {
            try {
                List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queue).maxNumberOfMessages(config.batchSize())
                        .waitTimeSeconds(20).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
                receives.increment();
                received.add(messages.size());
                if (!messages.isEmpty()) {
                    handle(queue, messages);
                }
            } catch (RuntimeException e) {
                if (running.get()) {
                    LOG.warnf(e, "polling %s failed; trying again", name(queue));
                    pause();
                }
            }
        }
    }

    private void handle(String queue, List<Message> messages) {
        SQSEvent event = new SQSEvent();
        String arn = "arn:aws:sqs:local:000000000000:" + name(queue);
        event.setRecords(messages.stream().map(message -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setAttributes(message.attributesAsStrings());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(arn);
            return record;
        }).toList());
        Set<String> failed = handler.handleRequest(event, null).getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        List<DeleteMessageBatchRequestEntry> done = messages.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(b -> b.queueUrl(queue).entries(done));
        }
    }

    private static String name(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
