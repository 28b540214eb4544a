package io.hookgate.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.WsTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Rooms: who may join which, chat events sent by clients reaching the room's other members, and admin-only events. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class RoomChatTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    RealtimeTokens tokens;

    WsTestClient connect(String userId, List<String> grantedRooms) throws Exception {
        WsTestClient client = WsTestClient.connect(ws);
        client.next("auth_required", WAIT);
        client.send(new JsonObject().put("type", "auth").put("token", tokens.issue(userId, false, grantedRooms)).encode());
        client.next("auth_success", WAIT);
        return client;
    }

    static JsonNode subscribe(WsTestClient client, Object room, String... events) throws Exception {
        JsonObject message = new JsonObject().put("type", "subscribe").put("events", new JsonArray(List.of(events)));
        if (room != null) {
            message.put("filters", new JsonObject().put("room", room));
        }
        client.send(message.encode());
        return client.next(WAIT);
    }

    @Test
    void aChatMessageReachesTheRoomsOtherMembersOnly() throws Exception {
        try (WsTestClient alice = connect("1001", List.of()); WsTestClient bob = connect("1002", List.of());
             WsTestClient outsider = connect("1003", List.of())) {
            assertEquals("subscribed", subscribe(alice, "general", "new_message", "user_typing").path("type").asText());
            assertEquals(List.of("general"), List.of(subscribe(bob, "general", "new_message").path("data").path("filters").path("rooms").get(0).asText()));
            subscribe(outsider, null, "new_message");

            alice.send(new JsonObject().put("type", "new_message").put("room", "general")
                    .put("data", new JsonObject().put("message", new JsonObject().put("text", "gm")).put("userId", "1002")).encode());
            JsonNode sent = alice.next("sent", WAIT);
            JsonNode received = bob.next("new_message", WAIT);
            assertEquals("gm", received.path("data").path("message").path("text").asText());
            assertEquals("1001", received.path("data").path("userId").asText(), "the server sets the sender, whatever the client wrote");
            assertEquals(sent.path("data").path("id").asText(), received.path("id").asText());
            assertEquals("general", TestDatabase.shared().value("select room from event where id = ?", received.path("id").asText()));
            assertFalse(outsider.receives("new_message", Duration.ofMillis(700)), "not a member of the room");
            assertFalse(alice.receives("new_message", Duration.ofMillis(300)), "not echoed to the sender");
        }
    }

    @Test
    void privateRoomsNeedTheTokensGrantAndAdminEventsCannotBeSentByClients() throws Exception {
        try (WsTestClient plain = connect("1004", List.of()); WsTestClient granted = connect("1005", List.of("vip"))) {
            JsonNode refused = subscribe(plain, "vip", "new_message");
            assertEquals("forbidden", refused.path("data").path("error").asText());
            assertEquals("subscribed", subscribe(granted, new JsonArray().add("vip").add("general"), "new_message").path("type").asText());

            plain.send(new JsonObject().put("type", "new_message").put("room", "vip").put("data", new JsonObject()).encode());
            assertEquals("forbidden", plain.next("error", WAIT).path("data").path("error").asText());
            plain.send(new JsonObject().put("type", "system_announcement").put("data", new JsonObject().put("message", "hi")).encode());
            JsonNode adminOnly = plain.next("error", WAIT);
            assertEquals("forbidden", adminOnly.path("data").path("error").asText());
        }
    }
}
