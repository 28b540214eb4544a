package io.hookgate.realtime.outbox;

import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.DriverManager;
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
        try (var c = DriverManager.getConnection(stack.jdbcUrl(), DevStack.DB_USER, DevStack.DB_PASSWORD); var st = c.createStatement()) {
            // As if the ingest process died between commit and publish.
            st.execute("insert into event (id, tenant_id, type, payload, source) values ('" + eventId + "', 'org_default', 'deposit.confirmed', '{}', 'test')");
            st.execute("insert into outbox (event_id, created_at) values ('" + eventId + "', now() - interval '1 minute')");
        }
        List<String> bodies = new ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            stack.queues().client().receiveMessage(b -> b.queueUrl(stack.queues().eventsUrl()).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages().forEach(m -> {
                        bodies.add(m.body());
                        stack.queues().client().deleteMessage(b -> b.queueUrl(stack.queues().eventsUrl()).receiptHandle(m.receiptHandle()));
                    });
            return bodies.stream().anyMatch(b -> b.contains(eventId));
        });
        try (var c = DriverManager.getConnection(stack.jdbcUrl(), DevStack.DB_USER, DevStack.DB_PASSWORD);
             var rs = c.createStatement().executeQuery("select published_at is not null from outbox where event_id = '" + eventId + "'")) {
            rs.next();
            assertTrue(rs.getBoolean(1), "the outbox row is marked published");
        }
    }
}
