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
import jakarta.inject.Inject;
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

    @Inject
    RealtimeTokens tokens;

    WsTestClient authenticated(String userId) throws Exception {
        WsTestClient client = WsTestClient.connect(ws);
        assertEquals("auth_required", client.next(WAIT).path("type").asText());
        client.send(new JsonObject().put("type", "auth").put("token", tokens.issue(userId, false)).encode());
        JsonNode success = client.next(WAIT);
        assertEquals("auth_success", success.path("type").asText());
        return client;
    }

    static void notifyCommitted(String type, String userId, JsonObject data) throws Exception {
        JsonObject payload = new JsonObject().put("seq", 1).put("id", "evt_test").put("type", type).put("userId", userId).put("data", data);
        TestDatabase.shared().value("select pg_notify('hookgate_realtime', ?)", payload.encode());
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
}
