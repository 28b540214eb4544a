package io.hookgate.devstack;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.net.URI;
import java.util.Map;

/** Creates the events, deliveries and slow-deliveries queues with a shared dead-letter queue, as infra/ does in AWS. */
public final class SqsQueues implements AutoCloseable {

    /**
     * Receives before a message is dead-lettered. Holds and retries never leave a message on its queue (the delivery
     * row schedules them), so only a message that could not be handled this often gets here, and the reconciler rings
     * its delivery again from the row. A test run may lower it ({@code -Dhookgate.devstack.max-receive-count}) to show
     * that holds spend no receives.
     */
    static final int MAX_RECEIVE_COUNT = Integer.getInteger("hookgate.devstack.max-receive-count", 50);
    /** SQS's longest retention, as in infra/: doorbells wait at most 15 minutes, so none expires unread. */
    static final String RETENTION_SECONDS = String.valueOf(14 * 24 * 3600);

    private final SqsClient client;
    private final String eventsUrl;
    private final String deliveriesUrl;
    private final String slowDeliveriesUrl;
    private final String deadLetterUrl;

    private SqsQueues(SqsClient client, String eventsUrl, String deliveriesUrl, String slowDeliveriesUrl, String deadLetterUrl) {
        this.client = client;
        this.eventsUrl = eventsUrl;
        this.deliveriesUrl = deliveriesUrl;
        this.slowDeliveriesUrl = slowDeliveriesUrl;
        this.deadLetterUrl = deadLetterUrl;
    }

    static SqsQueues create(URI endpoint) {
        SqsClient client = client(endpoint);
        String dlq = client.createQueue(b -> b.queueName("hookgate-dlq")).queueUrl();
        String dlqArn = client.getQueueAttributes(b -> b.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT + "\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}";
        Map<QueueAttributeName, String> attributes = Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "60",
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, RETENTION_SECONDS,
                QueueAttributeName.REDRIVE_POLICY, redrive);
        String events = client.createQueue(b -> b.queueName("hookgate-events").attributes(attributes)).queueUrl();
        String deliveries = client.createQueue(b -> b.queueName("hookgate-deliveries").attributes(attributes)).queueUrl();
        String slow = client.createQueue(b -> b.queueName("hookgate-deliveries-slow").attributes(attributes)).queueUrl();
        return new SqsQueues(client, events, deliveries, slow, dlq);
    }

    /** An SQS client for the local server, with the placeholder credentials ElasticMQ accepts. */
    public static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public SqsClient client() {
        return client;
    }

    public String eventsUrl() {
        return eventsUrl;
    }

    public String deliveriesUrl() {
        return deliveriesUrl;
    }

    public String slowDeliveriesUrl() {
        return slowDeliveriesUrl;
    }

    public String deadLetterUrl() {
        return deadLetterUrl;
    }

    @Override
    public void close() {
        client.close();
    }
}
