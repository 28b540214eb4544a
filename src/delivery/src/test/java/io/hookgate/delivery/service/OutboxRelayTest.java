package io.hookgate.delivery.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.QueueMessage;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.TestReceiver;
import io.hookgate.signing.SecretCipher;
import io.hookgate.signing.WebhookSecret;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code hookgate.outbox.publish=relay}: events committed with their outbox rows and never published by the request
 * reach their endpoints through this process's {@link io.hookgate.event.OutboxRelay}, packed several to a fan-out
 * message. This profile's queues are its own and its reconciler is off, so nothing but the relay publishes here.
 */
@QuarkusTest
@TestProfile(OutboxRelayTest.RelayOn.class)
class OutboxRelayTest {

    public static class RelayOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(QueuePollerTest.pollingOwnQueues("relay"));
            config.put("hookgate.outbox.relay-every", "50ms");
            config.put("hookgate.reconciler.every", "off");
            return config;
        }
    }

    @Inject
    SecretCipher cipher;

    @Inject
    QueueConfig queues;

    @Inject
    ObjectMapper json;

    private final TestDatabase db = TestDatabase.shared();
    private final TestReceiver receiver = DevStack.shared().receiver();

    @Test
    void committedEventsAreRelayedFannedOutAndDelivered() throws Exception {
        String type = "relay." + UUID.randomUUID().toString().substring(0, 8);
        String path = "/relay/" + UUID.randomUUID();
        String endpoint = endpoint("org_default", type, path);
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(append("org_default", type, true));
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> db.count(
                "select count(*) from delivery where event_id = any(string_to_array(?, ',')) and endpoint_id = ? and status = 'SUCCESS'",
                String.join(",", events), endpoint) == events.size());
        assertEquals(events.size(), receiver.receivedOn(path).size(), "each event delivered once");
        assertEquals(0, db.count("select count(*) from outbox where event_id = any(string_to_array(?, ',')) and (published_at is null or fanned_out_at is null)",
                String.join(",", events)), "every outbox row relayed and fanned out");
    }

    @Test
    void oneMessageFansOutEveryEventItNamesForEachTenant() throws Exception {
        String type = "relay.packed." + UUID.randomUUID().toString().substring(0, 8);
        String other = "org_" + UUID.randomUUID().toString().substring(0, 8);
        db.update("insert into tenant (id, name) values (?, 'relay test')", other);
        String pathA = "/relay-a/" + UUID.randomUUID();
        String pathB = "/relay-b/" + UUID.randomUUID();
        String mine = endpoint("org_default", type, pathA);
        String theirs = endpoint(other, type, pathB);
        // Written without outbox rows, so only the message below fans them out.
        String first = append("org_default", type, false);
        String second = append(other, type, false);
        String third = append("org_default", "relay.nobody-subscribes", false);
        String message = json.writeValueAsString(QueueMessage.fanout(List.of(first, second, third, Ids.next("evt"))));

        DevStack.shared().queues().client().sendMessage(b -> b.queueUrl(queues.eventsUrl()).messageBody(message));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(pathA).size() == 1 && receiver.receivedOn(pathB).size() == 1);
        assertEquals(1, db.count("select count(*) from delivery where event_id = ? and endpoint_id = ?", first, mine));
        assertEquals(1, db.count("select count(*) from delivery where event_id = ? and endpoint_id = ?", second, theirs));
        assertEquals(0, db.count("select count(*) from delivery where event_id = ? and endpoint_id = ?", first, theirs),
                "an event reaches its own tenant's endpoints only");
        assertEquals(0, db.count("select count(*) from delivery where event_id = ?", third), "nobody subscribes to the third");
        assertTrue(receiver.receivedOn(pathA).getFirst().bodyText().contains(first));
        assertNotNull(db.value("select id from event where id = ?", third));
    }

    private String endpoint(String tenant, String type, String path) throws Exception {
        String id = Ids.next("ep");
        db.update("insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext) values (?, ?, 'relay', ?, string_to_array(?, ','), ?)",
                id, tenant, receiver.url(path), type, cipher.encrypt(WebhookSecret.generate().value()));
        return id;
    }

    /** An event committed as the journal writes it, with its outbox row when {@code webhook}, and never published. */
    private String append(String tenant, String type, boolean webhook) throws Exception {
        String id = Ids.next("evt");
        db.value("select journal_append(?, ?, ?, 'test', '{}'::jsonb, null, null, false, ?, null)", id, tenant, type, webhook);
        return id;
    }
}
