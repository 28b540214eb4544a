package io.hookgate.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.Map;

/**
 * The events, deliveries and slow-deliveries queues with one shared dead-letter queue, as the devstack makes them
 * locally. Retries are visibility-timeout delays chosen by the delivery function (up to SQS's 12 hours); the
 * redrive policy only catches messages that keep failing for other reasons (poison messages, outages).
 */
public final class Queues extends Construct {

    /** The delivery function's timeout: a batch's attempts run concurrently, each at most {@link #LONGEST_DELIVERY}. */
    public static final Duration DELIVERY_FUNCTION_TIMEOUT = Duration.seconds(60);
    /** The longest outbound call an endpoint may configure (admin API: timeoutMs at most 30,000). */
    public static final Duration LONGEST_DELIVERY = Duration.seconds(30);
    /**
     * Six times the function timeout, as AWS advises for Lambda consumers (it also exceeds function timeout plus the
     * longest delivery), so a message is never handed to a second consumer while the first still works on it.
     */
    public static final Duration VISIBILITY_TIMEOUT = Duration.seconds(6 * DELIVERY_FUNCTION_TIMEOUT.toSeconds().intValue());
    /** Receives before SQS dead-letters a message: well above the eight attempts of the default retry schedule. */
    public static final int MAX_RECEIVE_COUNT = 50;

    private final Queue events;
    private final Queue deliveries;
    private final Queue slowDeliveries;
    private final Queue deadLetters;

    public Queues(Construct scope, String id, String stage) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .queueName("hookgate-" + stage + "-dlq")
                .retentionPeriod(Duration.days(14))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .build();
        events = queue("Events", "hookgate-" + stage + "-events");
        deliveries = queue("Deliveries", "hookgate-" + stage + "-deliveries");
        slowDeliveries = queue("SlowDeliveries", "hookgate-" + stage + "-deliveries-slow");
    }

    private Queue queue(String id, String name) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .visibilityTimeout(VISIBILITY_TIMEOUT)
                .retentionPeriod(Duration.days(4))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
    }

    /** The {@code hookgate.queues.*} configuration every deployable reads, as environment variables. */
    public Map<String, String> environment() {
        return Map.of(
                "HOOKGATE_QUEUES_EVENTS_URL", events.getQueueUrl(),
                "HOOKGATE_QUEUES_DELIVERIES_URL", deliveries.getQueueUrl(),
                "HOOKGATE_QUEUES_SLOW_DELIVERIES_URL", slowDeliveries.getQueueUrl(),
                "HOOKGATE_QUEUES_DEAD_LETTER_URL", deadLetters.getQueueUrl());
    }

    public Queue events() {
        return events;
    }

    public Queue deliveries() {
        return deliveries;
    }

    public Queue slowDeliveries() {
        return slowDeliveries;
    }

    public Queue deadLetters() {
        return deadLetters;
    }
}
