package io.hookgate.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

import java.util.Map;

/**
 * The events, deliveries and slow-deliveries queues with one shared dead-letter queue, as the devstack makes them
 * locally. Their messages are doorbells: the delivery rows in PostgreSQL say what is due and when, a held or retried
 * delivery gets a new doorbell delayed at most 15 minutes (SQS's DelaySeconds) or none (the reconciler rings when it is
 * due), and no message waits on a queue for a retry. The redrive policy only catches messages that keep failing to be
 * handled (poison messages, outages); the reconciler rings again for whatever their rows still need.
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
    /** Receives before SQS dead-letters a message. Only failures to handle a message count: holds and retries spend none. */
    public static final int MAX_RECEIVE_COUNT = 50;
    /**
     * SQS's longest retention, so that no doorbell expires unread even through a long outage of the consumers (a doorbell
     * is delayed at most 15 minutes, and an expired one would only wait for the reconciler).
     */
    public static final Duration RETENTION = Duration.days(14);
    /** How often the realtime service's reconciler runs (HOOKGATE_RECONCILER_EVERY). */
    public static final String RECONCILE_EVERY = "5s";

    private final Queue events;
    private final Queue deliveries;
    private final Queue slowDeliveries;
    private final Queue deadLetters;

    public Queues(Construct scope, String id, String stage) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .queueName("hookgate-" + stage + "-dlq")
                .retentionPeriod(RETENTION)
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
                .retentionPeriod(RETENTION)
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
