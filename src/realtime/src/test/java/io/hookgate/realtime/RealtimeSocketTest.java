package io.hookgate.realtime;

import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.WsTestClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class RealtimeSocketTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @TestHTTPResource("/ws")
    URI ws;

    /** Tokens signed with the %test profile's secret, as the admin API issues them (JVM or native service alike). */
    final RealtimeTokens tokens = new RealtimeTokens(new RealtimeTokens.Config() {
        @Override
        public java.util.Optional<String> tokenSecret() {
            return java.util.Optional.of("ZGV2LW9ubHktcmVhbHRpbWUta2V5LWRvLW5vdC11c2UhIQ==");
        }

        @Override
        public Duration tokenTtl() {
            return Duration.ofMinutes(15);
        }
    });

    WsTestClient authenticated(String userId) throws Exception {
        WsTestClient client = WsTestClient.connect(ws);
        assertEquals("auth_required", client.next(WAIT).path("type").asText());
        client.send(new JsonObject().put("type", "auth").put("token", tokens.issue(userId, false)).encode());
        JsonNode success = client.next(WAIT);
        assertEquals("auth_success", success.path("type").asText());
        return client;
    }

    /** Commits a realtime event as the ingest function does, then sends its NOTIFY; returns the event id. */
    static String notifyCommitted(String type, String userId, JsonObject data) throws Exception {
        String id = commit(type, userId, data);
        long seq = ((Number) TestDatabase.shared().value("select seq from event where id = ?", id)).longValue();
        JsonObject payload = new JsonObject().put("seq", seq).put("id", id).put("type", type).put("userId", userId).put("data", data);
        TestDatabase.shared().value("select pg_notify('hookgate_realtime', ?)", payload.encode());
        return id;
    }

    /** Commits a realtime event without a NOTIFY, as if the process died right after its commit. */
    static String commit(String type, String userId, JsonObject data) throws Exception {
        String id = io.hookgate.core.Ids.next("evt");
        TestDatabase.shared().update("insert into event (id, tenant_id, type, payload, source, user_id, realtime) "
                + "values (?, 'org_default', ?, ?::jsonb, 'test', ?, true)", id, type, data.encode(), userId);
        return id;
    }

    @Test
    void theHandshakeAnswersAuthSuccessWithTheUserId() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ws)) {
            JsonNode required = client.next(WAIT);
            assertEquals("auth_required", required.path("type").asText());
            client.send(new JsonObject().put("type", "auth").put("token", tokens.issue("123", false)).encode());
            JsonNode success = client.next(WAIT);
            assertEquals("auth_success", success.path("type").asText());
            assertEquals(123, success.path("data").path("userId").asInt());
        }
    }

    @Test
    void aBadTokenGetsAuthFailed() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ws)) {
            client.next(WAIT);
            client.send(new JsonObject().put("type", "auth").put("token", tokens.issue("1", false) + "x").encode());
            JsonNode failed = client.next(WAIT);
            assertEquals("auth_failed", failed.path("type").asText());
            assertEquals("Invalid token", failed.path("data").path("error").asText());
        }
    }

    @Test
    void malformedMessagesGetAnErrorFrameAndTheConnectionStays() throws Exception {
        try (WsTestClient client = authenticated("5")) {
            client.send("{not json");
            assertEquals("error", client.next(WAIT).path("type").asText());
            client.send(new JsonObject().put("type", "subscribe").put("events", "not-a-list").encode());
            assertEquals("error", client.next(WAIT).path("type").asText());
            client.send(new JsonObject().put("type", "ping").encode());
            assertEquals("pong", client.next(WAIT).path("type").asText());
        }
    }

    @Test
    void balanceUpdatesReachOnlyTheSubscribedOwner() throws Exception {
        try (WsTestClient owner = authenticated("777"); WsTestClient other = authenticated("778")) {
            owner.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update"))
                    .put("filters", new JsonObject().put("userId", 777)).encode());
            assertEquals("subscribed", owner.next(WAIT).path("type").asText());
            other.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update")).encode());
            other.next("subscribed", WAIT);

            notifyCommitted("balance_update", "777", new JsonObject().put("userId", 777).put("coin", "DGT")
                    .put("newBalance", 1500.50).put("change", 100.00));
            JsonNode update = owner.next("balance_update", WAIT);
            assertEquals(1500.50, update.path("data").path("newBalance").asDouble());
            assertEquals("DGT", update.path("data").path("coin").asText());
            assertFalse(other.receives("balance_update", Duration.ofMillis(500)), "another user's balance never arrives");
        }
    }

    @Test
    void aClientCannotSubscribeToAnotherUsersEvents() throws Exception {
        try (WsTestClient client = authenticated("900")) {
            client.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update"))
                    .put("filters", new JsonObject().put("userId", 901)).encode());
            JsonNode refused = client.next(WAIT);
            assertEquals("error", refused.path("type").asText());
            assertEquals("forbidden", refused.path("data").path("error").asText());
        }
    }

    @Test
    void unsubscribeStopsPushes() throws Exception {
        try (WsTestClient client = authenticated("321")) {
            client.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update")).encode());
            client.next("subscribed", WAIT);
            client.send(new JsonObject().put("type", "unsubscribe").put("events", new JsonArray().add("balance_update")).encode());
            client.next("unsubscribed", WAIT);
            notifyCommitted("balance_update", "321", new JsonObject().put("newBalance", 1));
            assertFalse(client.receives("balance_update", Duration.ofMillis(500)));
        }
    }

    @Test
    void anUnauthenticatedConnectionIsClosedAfterTheTimeout() throws Exception {
        WsTestClient client = WsTestClient.connect(ws);
        client.next(WAIT);
        JsonNode failed = client.next("auth_failed", Duration.ofSeconds(5));
        assertEquals("Authentication timed out", failed.path("data").path("error").asText());
        await().atMost(WAIT).until(client::isClosed);
    }

    WsTestClient subscribed(String userId, String... events) throws Exception {
        WsTestClient client = authenticated(userId);
        client.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray(java.util.List.of(events))).encode());
        client.next("subscribed", WAIT);
        return client;
    }

    @Test
    void anEventTooLargeForNotifyIsReadFromTheEventLog() throws Exception {
        try (WsTestClient client = subscribed("901", "transaction_update")) {
            String big = "x".repeat(9_000);
            String id = commit("transaction_update", "901", new JsonObject().put("txId", "tx_big").put("memo", big));
            long seq = ((Number) TestDatabase.shared().value("select seq from event where id = ?", id)).longValue();
            TestDatabase.shared().value("select pg_notify('hookgate_realtime', ?)", new JsonObject().put("seq", seq).put("id", id)
                    .put("type", "transaction_update").put("userId", "901").putNull("data").put("truncated", true).encode());
            JsonNode update = client.next("transaction_update", WAIT);
            assertEquals(big, update.path("data").path("memo").asText());
            assertEquals(id, update.path("id").asText());
        }
    }

    @Test
    void anEventWhoseNotifyWasLostIsPushedByTheReconcileExactlyOnce() throws Exception {
        try (WsTestClient client = subscribed("902", "balance_update")) {
            String id = commit("balance_update", "902", new JsonObject().put("userId", 902).put("newBalance", 10));
            assertEquals(id, client.next("balance_update", WAIT).path("id").asText());
            String notified = notifyCommitted("balance_update", "902", new JsonObject().put("userId", 902).put("newBalance", 20));
            assertEquals(notified, client.next("balance_update", WAIT).path("id").asText());
            // The reconcile sees both events again and again; neither arrives a second time.
            assertFalse(client.receives("balance_update", Duration.ofMillis(1500)), "each event is pushed once");
        }
    }

    @Test
    void aReconnectingClientResumesFromItsLastEventId() throws Exception {
        String seen;
        try (WsTestClient client = subscribed("903", "balance_update", "transaction_update")) {
            seen = notifyCommitted("balance_update", "903", new JsonObject().put("userId", 903).put("newBalance", 1));
            assertEquals(seen, client.next("balance_update", WAIT).path("id").asText());
        }
        String missedOne = notifyCommitted("transaction_update", "903", new JsonObject().put("txId", "tx_1"));
        notifyCommitted("balance_update", "904", new JsonObject().put("userId", 904).put("newBalance", 5));
        String missedTwo = notifyCommitted("balance_update", "903", new JsonObject().put("userId", 903).put("newBalance", 2));

        try (WsTestClient again = subscribed("903", "balance_update", "transaction_update")) {
            again.send(new JsonObject().put("type", "resume").put("lastEventId", seen).encode());
            assertEquals(missedOne, again.next("transaction_update", WAIT).path("id").asText());
            assertEquals(missedTwo, again.next("balance_update", WAIT).path("id").asText());
            JsonNode resumed = again.next("resumed", WAIT);
            assertEquals(2, resumed.path("data").path("count").asInt(), "another user's event is not replayed");
            assertEquals(missedTwo, resumed.path("data").path("lastEventId").asText());

            again.send(new JsonObject().put("type", "resume").put("lastEventId", "evt_unknown").encode());
            JsonNode refused = again.next("error", WAIT);
            assertEquals("resume_unavailable", refused.path("data").path("error").asText());
        }
    }
}
