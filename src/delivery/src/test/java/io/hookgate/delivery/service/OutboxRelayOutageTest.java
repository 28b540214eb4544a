package io.hookgate.delivery.service;

import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.event.OutboxRelay;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The relay when SQS refuses (here: an events queue ElasticMQ does not have): the pass fails, and the rows it claimed
 * are unpublished again, so the next pass sends them rather than waiting for the reconciler's grace.
 */
@QuarkusTest
@TestProfile(OutboxRelayOutageTest.NoEventsQueue.class)
class OutboxRelayOutageTest {

    public static class NoEventsQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String events = DevStack.shared().queues().eventsUrl();
            return Map.of(
                    "hookgate.queues.events-url", events.substring(0, events.lastIndexOf('/') + 1) + "no-such-queue",
                    "hookgate.reconciler.every", "off");
        }
    }

    @Inject
    OutboxRelay relay;

    @Test
    void aRefusedSendGivesItsRowsBack() throws Exception {
        TestDatabase db = TestDatabase.shared();
        String id = Ids.next("evt");
        db.value("select journal_append(?, 'org_default', 'relay.outage', 'test', '{}'::jsonb, null, null, false, true, null)", id);
        assertNotNull(db.value("select id from outbox where event_id = ? and published_at is null", id), "written unpublished");

        // The pass fails only because it claimed rows and SQS refused them: with nothing claimed there is nothing to send.
        assertThrows(RuntimeException.class, () -> relay.relayOnce().await().atMost(Duration.ofSeconds(30)));

        assertNull(db.value("select published_at from outbox where event_id = ?", id), "given back, unpublished, for the next pass");
    }
}
