package io.hookgate.realtime;

import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.WsTestClient;
import io.hookgate.realtime.feed.RealtimeEvent;
import io.hookgate.realtime.socket.SessionRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connection limits, the per-connection send buffer, dead-connection cleanup and shutdown, with real WebSocket clients.
 * The test profile: 2 connections per user, a 50-frame send buffer, pings every second, silent after 5 s.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class SocketOperationsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @TestHTTPResource("/ws")
    URI ws;

    @Inject
    RealtimeTokens tokens;

    @Inject
    SessionRegistry registry;

    WsTestClient subscribed(String userId) throws Exception {
        WsTestClient client = WsTestClient.connect(ws);
        client.next("auth_required", WAIT);
        client.send(new JsonObject().put("type", "auth").put("token", tokens.issue(userId, false)).encode());
        client.next("auth_success", WAIT);
        client.send(new JsonObject().put("type", "subscribe").put("events", new JsonArray().add("transaction_update")).encode());
        client.next("subscribed", WAIT);
        return client;
    }

    @Test
    void aUserMayHoldOnlySoManyConnections() throws Exception {
        try (WsTestClient first = subscribed("950"); WsTestClient second = subscribed("950"); WsTestClient third = WsTestClient.connect(ws)) {
            third.next("auth_required", WAIT);
            third.send(new JsonObject().put("type", "auth").put("token", tokens.issue("950", false)).encode());
            assertTrue(third.next("auth_failed", WAIT).path("data").path("error").asText().startsWith("Too many connections"));
            await().atMost(WAIT).until(third::isClosed);
            assertEquals(1008, third.closeCode());
        }
        // Once the others have left, the user connects again.
        await().atMost(WAIT).until(() -> registry.push(new RealtimeEvent(0, "evt_probe", "transaction_update", "950", null, new JsonObject())) == 0);
        try (WsTestClient later = subscribed("950")) {
            later.send(new JsonObject().put("type", "ping").encode());
            assertEquals("pong", later.next("pong", WAIT).path("type").asText());
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileAFastOneKeepsReceiving() throws Exception {
        double dropsBefore = metric("hookgate_realtime_drops_total", "reason=\"slow\"");
        try (WsTestClient fast = subscribed("951"); WsTestClient slow = subscribed("951")) {
            slow.pause();
            String memo = "m".repeat(7_000);
            int total = 0;
            for (int batch = 0; batch < 150; batch++) {
                for (int i = 0; i < 20; i++) {
                    registry.push(new RealtimeEvent(0, "evt_slow_" + total, "transaction_update", "951", null,
                            new JsonObject().put("n", total).put("memo", memo)));
                    total++;
                }
                int expected = total;
                // The fast client keeps up: everything pushed so far arrives before the next batch.
                await().atMost(WAIT).until(() -> fast.unread() >= expected);
            }
            assertEquals(total, fast.unread(), "the fast client got every frame");
            await().atMost(WAIT).until(() -> metric("hookgate_realtime_drops_total", "reason=\"slow\"") >= dropsBefore + 1);
            assertEquals(1, registry.push(new RealtimeEvent(0, "evt_after", "transaction_update", "951", null, new JsonObject())),
                    "only the fast client is still registered");
        }
    }

    /**
     * A client on a raw socket that authenticates and then reads nothing and answers no ping, as a peer that vanished
     * without closing. It is closed after dead-after; a live client keeps being served.
     */
    @Test
    void aConnectionThatAnswersNothingIsClosed() throws Exception {
        double before = metric("hookgate_realtime_drops_total", "reason=\"silent\"");
        try (WsTestClient alive = subscribed("952"); java.net.Socket silent = new java.net.Socket(ws.getHost(), ws.getPort())) {
            var out = silent.getOutputStream();
            out.write(("GET /ws HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes());
            out.write(maskedText(new JsonObject().put("type", "auth").put("token", tokens.issue("953", false)).encode()));
            out.flush();
            await().atMost(Duration.ofSeconds(15)).until(() -> metric("hookgate_realtime_drops_total", "reason=\"silent\"") >= before + 1);
            assertEquals(1, registry.push(new RealtimeEvent(0, "evt_alive", "transaction_update", "952", null, new JsonObject())));
            assertEquals("evt_alive", alive.next("transaction_update", WAIT).path("id").asText());
        }
    }

    /** One client-to-server text frame (RFC 6455: clients mask their frames). */
    static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        var frame = new java.io.ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    @Test
    void onShutdownClientsAreToldToReconnect() throws Exception {
        try (WsTestClient client = subscribed("954")) {
            registry.closeAllForRestart();
            assertTrue(client.next("server_shutdown", WAIT).path("data").path("reconnect").asBoolean());
            await().atMost(WAIT).until(client::isClosed);
            assertEquals(1012, client.closeCode());
        }
    }

    static double metric(String name, String labels) {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        return 0;
    }
}
