package io.hookgate.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.WsTestClient;
import io.hookgate.realtime.RealtimeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile battery for the WebSocket protocol (issue 14): every malformed frame is answered with an {@code error}
 * frame naming the problem, and the same socket keeps working (a ping after it gets its pong), never a 1011 or 1006.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class HostileSocketInputTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    RealtimeTokens tokens;

    record Frame(String name, String text, String error) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        for (String text : List.of("{}", "{\"type\":null}", "{\"type\":5}", "{\"type\":\"\"}", "{\"type\":{}}", "{\"type\":[\"ping\"]}",
                "[]", "\"ping\"", "null", "1", "true", "not json", "{\"type\":\"ping\"} x", "{\"type\":\"ping\"}{\"type\":\"ping\"}",
                "{\"type\":\"ping\",\"type\":\"pong\"}", "{\"type\":\"p\u0000ing\",\"raw\":true}", "{\"type\":\"p\\u0000ing\"}", "{\"type\\u0000\":\"ping\"}",
                "{\"type\":\"ping\",\"n\":" + "[".repeat(1000) + "]".repeat(1000) + "}", "{\"type\":\"ping\",\"n\":1e999999999}",
                "{\"type\":\"ping\",\"n\":" + "9".repeat(101) + "}", "{\"type\":\"no_such_type\"}",
                "{\"type\":\"subscribe\",\"filters\":{\"room\":[null]}}", "{\"type\":\"subscribe\",\"filters\":{\"room\":[5]}}",
                "{\"type\":\"subscribe\",\"filters\":{\"room\":{}}}", "{\"type\":\"subscribe\",\"filters\":{\"room\":\"Not A Room\"}}",
                "{\"type\":\"subscribe\",\"filters\":{\"room\":\"" + "r".repeat(100_00) + "\"}}",
                "{\"type\":\"subscribe\",\"filters\":\"x\"}", "{\"type\":\"subscribe\",\"events\":\"x\"}",
                "{\"type\":\"subscribe\",\"events\":" + new JsonArray(java.util.Collections.nCopies(201, "a")).encode() + "}",
                "{\"type\":\"subscribe\",\"filters\":{\"userId\":{}}}", "{\"type\":\"subscribe\",\"filters\":{\"room\":\"private-x\"}}",
                "{\"type\":\"resume\",\"lastEventId\":\"" + "e".repeat(100_000) + "\"}", "{\"type\":\"resume\",\"lastEventId\":\"" + "e".repeat(60_000) + "\"}",
                "{\"type\":\"resume\",\"lastEventId\":null}", "{\"type\":\"resume\",\"lastEventId\":5}", "{\"type\":\"resume\",\"lastEventId\":{}}",
                "{\"type\":\"resume\",\"lastEventId\":\"evt_1; drop table event\"}", "{\"type\":\"resume\"}",
                "{\"type\":\"new_message\",\"data\":{\"text\":\"hi\"}}", "{\"type\":\"new_message\",\"room\":5}",
                "{\"type\":\"new_message\",\"room\":\"general\",\"data\":\"x\"}", "{\"type\":\"system_announcement\"}",
                "{\"type\":\"auth\",\"token\":5}", "{\"type\":\"auth\",\"token\":{}}", "{\"type\":\"auth\",\"token\":\"" + "t".repeat(60_000) + "\"}",
                "{\"type\":\"auth\"}", "{\"type\":\"unsubscribe\",\"events\":{}}", "x".repeat(70_000))) {
            frames.add(new Frame(text.length() > 80 ? text.substring(0, 80) + "…(" + text.length() + ")" : text, text, null));
        }
        return frames.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void isAnsweredWithAnErrorFrameAndTheSocketStaysUsable(Frame frame) throws Exception {
        try (WsTestClient client = authenticated("hostile-" + System.nanoTime())) {
            client.send(frame.text());
            JsonNode answer = client.next(WAIT);
            String type = answer.path("type").asText();
            assertTrue(type.equals("error") || type.equals("auth_failed"), frame + " -> " + answer);
            assertFalse(answer.path("data").path(type.equals("error") ? "message" : "error").asText().isBlank(), answer.toString());
            client.send("{\"type\":\"ping\"}");
            assertEquals("pong", client.next("pong", WAIT).path("type").asText(), "the socket still answers after " + frame);
            assertFalse(client.isClosed(), frame.toString());
        }
    }

    /** The control for "nothing arrives after expiry": the same socket receives while its token is valid. */
    @Test
    void aSocketIsToldAndClosedWhenItsTokenExpires() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ws)) {
            client.next("auth_required", WAIT);
            client.send(new JsonObject().put("type", "auth").put("token", tokens.issue("exp-1", false, List.of(), Duration.ofSeconds(2))).encode());
            client.next("auth_success", WAIT);
            client.send("{\"type\":\"ping\"}");
            client.next("pong", WAIT);
            JsonNode expired = client.next("auth_expired", Duration.ofSeconds(6));
            assertTrue(expired.path("data").path("error").asText().contains("expired"));
            await().atMost(WAIT).until(client::isClosed);
            assertEquals(1008, client.closeCode());
        }
    }

    @Test
    void anotherUserOnTheSameSocketLeavesThePreviousUsersPrivateRoomsBehind() throws Exception {
        try (WsTestClient client = WsTestClient.connect(ws)) {
            client.next("auth_required", WAIT);
            client.send(new JsonObject().put("type", "auth").put("token", tokens.issue("owner-1", false, List.of("private-a"))).encode());
            client.next("auth_success", WAIT);
            client.send("{\"type\":\"subscribe\",\"events\":[\"new_message\"],\"filters\":{\"room\":\"private-a\"}}");
            JsonNode joined = client.next("subscribed", WAIT);
            assertEquals("private-a", joined.path("data").path("filters").path("rooms").path(0).asText());

            client.send(new JsonObject().put("type", "auth").put("token", tokens.issue("other-2", false)).encode());
            client.next("auth_success", WAIT);
            client.send("{\"type\":\"subscribe\",\"events\":[\"user_typing\"]}");
            JsonNode after = client.next("subscribed", WAIT);
            assertEquals(0, after.path("data").path("filters").path("rooms").size(), after.toString());
            assertEquals("[\"user_typing\"]", after.path("data").path("events").toString());
            client.send("{\"type\":\"new_message\",\"room\":\"private-a\",\"data\":{\"text\":\"hi\"}}");
            assertEquals("forbidden", client.next("error", WAIT).path("data").path("error").asText());
        }
    }

    @Test
    void chatBeyondItsRateIsRefusedWithoutClosingTheSocket() throws Exception {
        try (WsTestClient client = authenticated("chatty-" + System.nanoTime())) {
            client.send("{\"type\":\"subscribe\",\"events\":[\"new_message\"],\"filters\":{\"room\":\"general\"}}");
            client.next("subscribed", WAIT);
            int sent = 0;
            int limited = 0;
            for (int i = 0; i < 40; i++) {
                client.send("{\"type\":\"user_typing\",\"room\":\"general\",\"data\":{}}");
            }
            for (int i = 0; i < 40; i++) {
                JsonNode answer = client.next(WAIT);
                while (!answer.path("type").asText().equals("sent") && !answer.path("type").asText().equals("error")) {
                    answer = client.next(WAIT);
                }
                if (answer.path("type").asText().equals("sent")) {
                    sent++;
                } else {
                    assertEquals("rate_limited", answer.path("data").path("error").asText());
                    limited++;
                }
            }
            assertTrue(sent >= 20 && sent < 40, "the burst goes through, the rest is limited: sent " + sent);
            assertEquals(40, sent + limited);
            assertFalse(client.isClosed());
        }
    }

    private WsTestClient authenticated(String userId) throws Exception {
        WsTestClient client = WsTestClient.connect(ws);
        client.next("auth_required", WAIT);
        client.send(new JsonObject().put("type", "auth").put("token", tokens.issue(userId, false)).encode());
        client.next("auth_success", WAIT);
        return client;
    }
}
