package io.hookgate.core;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends messages ten to a request, SQS's batch limit, with up to {@link #LANES} requests in flight: a fan-out of a
 * thousand doorbells is a hundred requests, and one after the other they would take longer than the fan-out itself.
 * Blocking.
 */
public final class SqsBatches {

    private static final int LIMIT = 10;
    /** Requests in flight at once for one call. */
    static final int LANES = 4;

    private SqsBatches() {
    }

    /** Sends every entry (their ids unique among them); fails if SQS refuses any. */
    public static void send(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        List<List<SendMessageBatchRequestEntry>> requests = new ArrayList<>();
        for (int from = 0; from < entries.size(); from += LIMIT) {
            requests.add(entries.subList(from, Math.min(from + LIMIT, entries.size())));
        }
        if (requests.size() <= 1) {
            requests.forEach(request -> sendOne(sqs, queueUrl, request));
            return;
        }
        int lanes = Math.min(LANES, requests.size());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = new ArrayList<>();
            for (int lane = 0; lane < lanes; lane++) {
                int first = lane;
                sent.add(threads.submit(() -> {
                    for (int i = first; i < requests.size(); i += lanes) {
                        sendOne(sqs, queueUrl, requests.get(i));
                    }
                }));
            }
            for (Future<?> each : sent) {
                each.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending to SQS", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static void sendOne(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> batch) {
        var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("SQS refused " + response.failed().size() + " messages: " + response.failed());
        }
    }
}
