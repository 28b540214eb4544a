package io.hookgate.delivery.service;

import io.hookgate.core.Ids;
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
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Delivery as a plain service: with the poller on, it consumes queues nothing else reads (this profile's own), so
 * every delivery here went through {@link QueuePoller}, including a retry the handler scheduled on the queue.
 */
@QuarkusTest
@TestProfile(QueuePollerTest.OwnQueues.class)
class QueuePollerTest {

    public static class OwnQueues implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return pollingOwnQueues("poller");
        }
    }

    /** The poller on, over three new queues that no other test profile reads. */
    static Map<String, String> pollingOwnQueues(String prefix) {
        var queues = DevStack.shared().queues();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Map<QueueAttributeName, String> attributes = Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30");
        return Map.of(
                "hookgate.delivery.poller.enabled", "true",
                "hookgate.delivery.poller.concurrency", "2",
                "hookgate.queues.events-url", queues.client().createQueue(b -> b.queueName(prefix + "-events-" + suffix).attributes(attributes)).queueUrl(),
                "hookgate.queues.deliveries-url", queues.client().createQueue(b -> b.queueName(prefix + "-deliveries-" + suffix).attributes(attributes)).queueUrl(),
                "hookgate.queues.slow-deliveries-url", queues.client().createQueue(b -> b.queueName(prefix + "-slow-" + suffix).attributes(attributes)).queueUrl());
    }

    @Inject
    SecretCipher cipher;

    @Inject
    io.hookgate.core.QueueConfig queues;

    @Test
    void anEventOnItsQueueIsFannedOutDeliveredAndRetriedWithoutLambda() throws Exception {
        TestReceiver receiver = DevStack.shared().receiver();
        TestDatabase db = TestDatabase.shared();
        String type = "poller." + UUID.randomUUID().toString().substring(0, 8);
        String path = "/poller/" + UUID.randomUUID();
        String endpoint = Ids.next("ep");
        db.update("insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext) values (?, 'org_default', 'poller', ?, string_to_array(?, ','), ?)",
                endpoint, receiver.url(path), type, cipher.encrypt(WebhookSecret.generate().value()));
        receiver.thenReply(path, TestReceiver.Reply.status(500));
        String event = Ids.next("evt");
        db.update("insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', ?, '{}', 'test')", event, type);

        DevStack.shared().queues().client().sendMessage(b -> b.queueUrl(queues.eventsUrl())
                .messageBody("{\"kind\":\"fanout\",\"eventId\":\"" + event + "\"}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(
                db.value("select status from delivery where event_id = ? and endpoint_id = ?", event, endpoint)));
        assertEquals(2, receiver.receivedOn(path).size(), "the 500 was retried from the queue");
    }
}
