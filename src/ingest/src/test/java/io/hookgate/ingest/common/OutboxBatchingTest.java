package io.hookgate.ingest.common;

import io.hookgate.core.Blocking;
import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.event.OutboxPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events committed together leave for the events queue together: every one is sent once and marked published, packed
 * several to a message, with fewer messages than events.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class OutboxBatchingTest {

    static final TestDatabase DB = TestDatabase.shared();

    @Inject
    OutboxPublisher outbox;

    @Test
    void aBurstOfCommittedEventsIsSentInBatchesAndEveryRowMarked() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            String id = Ids.next("evt");
            DB.update("insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', 'test.event', '{\"message\":\"batch\"}'::jsonb, 'test')", id);
            DB.update("insert into outbox (event_id) values (?)", id);
            ids.add(id);
        }
        long batchesBefore = outbox.batchesSent();
        Blocking.await(() -> Uni.join().all(ids.stream().map(outbox::publish).toList()).andFailFast().replaceWithVoid());

        assertEquals(45, DB.count("select count(*) from outbox where event_id = any(?) and published_at is not null", (Object) ids.toArray(String[]::new)));
        long batches = outbox.batchesSent() - batchesBefore;
        assertTrue(batches >= 1 && batches < 45, "45 events in " + batches + " messages");

        var sqs = DevStack.shared().queues();
        Set<String> received = new HashSet<>();
        int messages = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!received.containsAll(ids) && System.nanoTime() < deadline) {
            for (var message : sqs.client().receiveMessage(b -> b.queueUrl(sqs.eventsUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()) {
                List<String> named = ids.stream().filter(id -> message.body().contains(id)).toList();
                if (!named.isEmpty()) {
                    messages++;
                    named.forEach(id -> assertTrue(received.add(id), "sent once: " + id));
                    sqs.client().deleteMessage(b -> b.queueUrl(sqs.eventsUrl()).receiptHandle(message.receiptHandle()));
                }
            }
        }
        assertEquals(new HashSet<>(ids), received);
        assertEquals(batches, messages, "one message per batch, naming every event of the batch");
    }
}
