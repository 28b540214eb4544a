package io.hookgate.core;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.List;

/** Sends messages ten to a request, SQS's batch limit. Blocking. */
public final class SqsBatches {

    private static final int LIMIT = 10;

    private SqsBatches() {
    }

    /** Sends every entry (their ids unique among them); fails if SQS refuses any. */
    public static void send(SqsClient sqs, String queueUrl, List<SendMessageBatchRequestEntry> entries) {
        for (int from = 0; from < entries.size(); from += LIMIT) {
            List<SendMessageBatchRequestEntry> batch = entries.subList(from, Math.min(from + LIMIT, entries.size()));
            var response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS refused " + response.failed().size() + " messages: " + response.failed());
            }
        }
    }
}
