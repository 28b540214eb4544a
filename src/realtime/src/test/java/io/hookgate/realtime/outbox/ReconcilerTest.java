package io.hookgate.realtime.outbox;

import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
/** The realtime service runs the reconciler: an event left in the outbox after commit reaches the fan-out. */
class ReconcilerTest {

    @Test
    void anEventLeftInTheOutboxAfterCommitIsPublishedByTheReconciler() throws Exception {
        String eventId = Ids.next("evt");
        DevStack stack = DevStack.shared();
        TestDatabase db = stack.database();
        // As if the ingest process died between commit and publish.
        db.update("insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', 'deposit.confirmed', '{}', 'test')", eventId);
        db.update("insert into outbox (event_id, created_at) values (?, now() - interval '1 minute')", eventId);
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            bodies.addAll(takeFanOutMessages(stack));
            return bodies.stream().anyMatch(b -> b.contains(eventId));
        });
        assertTrue((Boolean) db.value("select published_at is not null from outbox where event_id = ?", eventId), "the outbox row is marked published");
        // Not fanned out (no delivery function runs here): published again once the grace has passed.
        bodies.clear();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            bodies.addAll(takeFanOutMessages(stack));
            return bodies.stream().anyMatch(b -> b.contains(eventId));
        });
        // A fanned-out row is done: the reconciler claims it no more. Each republish stamps published_at anew, so an
        // unchanged stamp over more than its grace plus its period shows it was left alone. A send the reconciler claimed
        // just before the update may still be on its way (on a loaded machine it can take seconds): that one message, at
        // most, may arrive; a second would mean the row was claimed again.
        Object stampedBefore = db.value("update outbox set fanned_out_at = now() where event_id = ? returning published_at", eventId);
        bodies.clear();
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() -> {
            bodies.addAll(takeFanOutMessages(stack));
            return stampedBefore.equals(db.value("select published_at from outbox where event_id = ?", eventId));
        });
        assertTrue(bodies.stream().filter(b -> b.contains(eventId)).count() <= 1,
                "a fanned-out event is not published again: " + bodies);
    }

    /** Takes what the events queue holds now (waiting up to a second), as the delivery function would. */
    static List<String> takeFanOutMessages(DevStack stack) {
        List<String> bodies = new ArrayList<>();
        stack.queues().client().receiveMessage(b -> b.queueUrl(stack.queues().eventsUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
                .messages().forEach(m -> {
                    bodies.add(m.body());
                    stack.queues().client().deleteMessage(b -> b.queueUrl(stack.queues().eventsUrl()).receiptHandle(m.receiptHandle()));
                });
        return bodies;
    }
}
