package io.hookgate.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Emulates an AWS Lambda SQS event-source mapping: long-polls a queue, invokes the function with an SQSEvent
 * through its mock event server, deletes what succeeded and leaves the reported batchItemFailures on the queue.
 */
public final class SqsEventSourceMapping implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SqsEventSourceMapping.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;
    private final URI functionUri;
    private final int batchSize;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.List<Thread> pollers = new java.util.ArrayList<>();

    private SqsEventSourceMapping(SqsClient sqs, String queueUrl, URI functionUri, int batchSize, int concurrency) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.functionUri = functionUri;
        this.batchSize = batchSize;
        for (int i = 0; i < concurrency; i++) {
            pollers.add(Thread.ofPlatform().daemon().name("esm-" + queueName(queueUrl) + "-" + i).start(this::pollLoop));
        }
    }

    /** Starts polling {@code queueUrl} and invoking the function whose mock event server listens on {@code functionPort}. */
    public static SqsEventSourceMapping start(SqsClient sqs, String queueUrl, int functionPort, int batchSize) {
        return start(sqs, queueUrl, functionPort, batchSize, 1);
    }

    /** As {@link #start(SqsClient, String, int, int)} with {@code concurrency} batches in flight at once, as Lambda scales pollers. */
    public static SqsEventSourceMapping start(SqsClient sqs, String queueUrl, int functionPort, int batchSize, int concurrency) {
        return new SqsEventSourceMapping(sqs, queueUrl, URI.create("http://127.0.0.1:" + functionPort + "/_lambda_"), batchSize, concurrency);
    }

    private void pollLoop() {
        while (running.get()) {
            try {
                List<Message> messages = receiveBatch();
                if (!messages.isEmpty()) {
                    invoke(messages);
                }
            } catch (Exception e) {
                if (running.get()) {
                    LOG.log(Level.FINE, "event-source mapping poll failed, retrying", e);
                    sleepQuietly(Duration.ofMillis(500));
                }
            }
        }
    }

    /**
     * Up to {@code batchSize} messages. SQS returns at most 10 per call, so a larger batch is gathered from further
     * calls while messages keep coming, as Lambda does within its batching window.
     */
    private List<Message> receiveBatch() {
        List<Message> batch = new java.util.ArrayList<>(receive(Math.min(batchSize, 10), 1));
        while (!batch.isEmpty() && batch.size() < batchSize) {
            List<Message> more = receive(Math.min(batchSize - batch.size(), 10), 0);
            if (more.isEmpty()) {
                break;
            }
            batch.addAll(more);
        }
        return batch;
    }

    private List<Message> receive(int max, int waitSeconds) {
        return sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(max)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    /**
     * The delivery function's timeout in AWS (infra's Queues.DELIVERY_FUNCTION_TIMEOUT): an invocation that has not
     * answered by then (its process died) fails, and its batch comes back after the visibility timeout, as on Lambda.
     */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(60);

    private void invoke(List<Message> messages) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(functionUri)
                        .timeout(FUNCTION_TIMEOUT)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(sqsEvent(messages))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            // A failed invocation returns the whole batch to the queue after its visibility timeout, as Lambda does.
            LOG.warning("function invocation failed with " + response.statusCode() + ": " + response.body());
            return;
        }
        Set<String> failed = new HashSet<>();
        JsonNode failures = JSON.readTree(response.body().isBlank() ? "{}" : response.body()).path("batchItemFailures");
        failures.forEach(f -> failed.add(f.path("itemIdentifier").asText()));
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(from + 10, done.size()));
            sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk));
        }
    }

    private ObjectNode sqsEvent(List<Message> messages) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        String arn = "arn:aws:sqs:us-east-1:000000000000:" + queueName(queueUrl);
        for (Message m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            r.put("md5OfBody", m.md5OfBody());
            ObjectNode attributes = r.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            r.putObject("messageAttributes");
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", arn);
            r.put("awsRegion", "us-east-1");
        }
        return event;
    }

    static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running.set(false);
        pollers.forEach(Thread::interrupt);
    }
}
