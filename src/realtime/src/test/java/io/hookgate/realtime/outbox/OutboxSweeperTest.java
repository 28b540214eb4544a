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
class OutboxSweeperTest {

    @Test
    void anEventLeftInTheOutboxAfterCommitIsPublishedByTheSweeper() throws Exception {
        String eventId = Ids.next("evt");
        DevStack stack = DevStack.shared();
        TestDatabase db = stack.database();
        // As if the ingest process died between commit and publish.
        db.update("insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', 'deposit.confirmed', '{}', 'test')", eventId);
        db.update("insert into outbox (event_id, created_at) values (?, now() - interval '1 minute')", eventId);
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            stack.queues().client().receiveMessage(b -> b.queueUrl(stack.queues().eventsUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().forEach(m -> {
                        bodies.add(m.body());
                        stack.queues().client().deleteMessage(b -> b.queueUrl(stack.queues().eventsUrl()).receiptHandle(m.receiptHandle()));
                    });
            return bodies.stream().anyMatch(b -> b.contains(eventId));
        });
        assertTrue((Boolean) db.value("select published_at is not null from outbox where event_id = ?", eventId), "the outbox row is marked published");
    }
}
