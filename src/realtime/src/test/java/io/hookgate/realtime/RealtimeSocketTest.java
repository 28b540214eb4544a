package io.hookgate.realtime;

import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.DriverManager;
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

    WsClient authenticated(String userId) throws Exception {
        WsClient client = WsClient.connect(ws);
        assertEquals("auth_required", client.next(WAIT).getString("type"));
        client.send(new JsonObject().put("type", "auth").put("token", tokens.issue(userId, false)));
        JsonObject success = client.next(WAIT);
        assertEquals("auth_success", success.getString("type"));
        return client;
    }

    static void notifyCommitted(String type, String userId, JsonObject data) throws Exception {
        JsonObject payload = new JsonObject().put("seq", 1).put("id", "evt_test").put("type", type).put("userId", userId).put("data", data);
        try (var c = DriverManager.getConnection(DevStack.shared().jdbcUrl(), DevStack.DB_USER, DevStack.DB_PASSWORD);
             var ps = c.prepareStatement("select pg_notify('hookgate_realtime', ?)")) {
            ps.setString(1, payload.encode());
            ps.executeQuery().close();
        }
    }

    @Test
    void theHandshakeAnswersAuthSuccessWithTheUserId() throws Exception {
        try (WsClient client = WsClient.connect(ws)) {
            JsonObject required = client.next(WAIT);
            assertEquals("auth_required", required.getString("type"));
            client.send(new JsonObject().put("type", "auth").put("token", tokens.issue("123", false)));
            JsonObject success = client.next(WAIT);
            assertEquals("auth_success", success.getString("type"));
            assertEquals(123, success.getJsonObject("data").getInteger("userId"));
        }
    }

    @Test
    void aBadTokenGetsAuthFailed() throws Exception {
        try (WsClient client = WsClient.connect(ws)) {
            client.next(WAIT);
            client.send(new JsonObject().put("type", "auth").put("token", tokens.issue("1", false) + "x"));
            JsonObject failed = client.next(WAIT);
            assertEquals("auth_failed", failed.getString("type"));
            assertEquals("Invalid token", failed.getJsonObject("data").getString("error"));
        }
    }

    @Test
    void malformedMessagesGetAnErrorFrameAndTheConnectionStays() throws Exception {
        try (WsClient client = authenticated("5")) {
            client.sendRaw("{not json");
            assertEquals("error", client.next(WAIT).getString("type"));
            client.send(new JsonObject().put("type", "subscribe").put("events", "not-a-list"));
            assertEquals("error", client.next(WAIT).getString("type"));
            client.send(new JsonObject().put("type", "ping"));
            assertEquals("pong", client.next(WAIT).getString("type"));
        }
    }

    @Test
    void balanceUpdatesReachOnlyTheSubscribedOwner() throws Exception {
        try (WsClient owner = authenticated("777"); WsClient other = authenticated("778")) {
            owner.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update"))
                    .put("filters", new JsonObject().put("userId", 777)));
            assertEquals("subscribed", owner.next(WAIT).getString("type"));
            other.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update")));
            other.next("subscribed", WAIT);

            notifyCommitted("balance_update", "777", new JsonObject().put("userId", 777).put("coin", "DGT")
                    .put("newBalance", 1500.50).put("change", 100.00));
            JsonObject update = owner.next("balance_update", WAIT);
            assertEquals(1500.50, update.getJsonObject("data").getDouble("newBalance"));
            assertEquals("DGT", update.getJsonObject("data").getString("coin"));
            assertFalse(other.receives("balance_update", Duration.ofMillis(500)), "another user's balance never arrives");
        }
    }

    @Test
    void aClientCannotSubscribeToAnotherUsersEvents() throws Exception {
        try (WsClient client = authenticated("900")) {
            client.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update"))
                    .put("filters", new JsonObject().put("userId", 901)));
            JsonObject refused = client.next(WAIT);
            assertEquals("error", refused.getString("type"));
            assertEquals("forbidden", refused.getJsonObject("data").getString("error"));
        }
    }

    @Test
    void unsubscribeStopsPushes() throws Exception {
        try (WsClient client = authenticated("321")) {
            client.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("balance_update")));
            client.next("subscribed", WAIT);
            client.send(new JsonObject().put("type", "unsubscribe").put("events", new JsonArray().add("balance_update")));
            client.next("unsubscribed", WAIT);
            notifyCommitted("balance_update", "321", new JsonObject().put("newBalance", 1));
            assertFalse(client.receives("balance_update", Duration.ofMillis(500)));
        }
    }

    @Test
    void anUnauthenticatedConnectionIsClosedAfterTheTimeout() throws Exception {
        WsClient client = WsClient.connect(ws);
        client.next(WAIT);
        JsonObject failed = client.next("auth_failed", Duration.ofSeconds(5));
        assertEquals("Authentication timed out", failed.getJsonObject("data").getString("error"));
        await().atMost(WAIT).until(client::isClosed);
    }
}
