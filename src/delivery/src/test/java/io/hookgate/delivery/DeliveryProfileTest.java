package io.hookgate.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestReceiver;
import io.hookgate.signing.Hmac;
import io.hookgate.signing.WebhookSecret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.hookgate.delivery.DeliveryFunctionTest.CIPHER;
import static io.hookgate.delivery.DeliveryFunctionTest.connect;
import static io.hookgate.delivery.DeliveryFunctionTest.publish;
import static io.hookgate.delivery.DeliveryFunctionTest.rows;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each delivery profile, end to end through the delivery function to the real receiver, verified the way each seed's
 * receivers verify (the seed's own HMAC recipe; seed 002's JavaScript snippet itself where Node.js is installed), and
 * always with the official Standard Webhooks library.
 */
@QuarkusTest
@QuarkusTestResource(value = HookgateTestResource.class, initArgs = @ResourceArg(name = "esm-port", value = "8183"))
class DeliveryProfileTest {

    static final ObjectMapper JSON = new ObjectMapper();
    final TestReceiver receiver = DevStack.shared().receiver();

    record Target(String endpointId, String path, String secret) {
    }

    /** A webhook endpoint with {@code profile}, signing with {@code secret} (and {@code previous} during a rotation). */
    Target endpoint(String profile, String type, String secret, String previous) throws Exception {
        String id = Ids.next("ep");
        String path = "/profiles/" + profile + "/" + UUID.randomUUID();
        try (Connection c = connect(); var ps = c.prepareStatement("""
                insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext, profile,
                                      previous_secret_ciphertext, previous_secret_expires_at)
                values (?, 'org_default', 'profile receiver', ?, ?, ?, ?, ?, case when ? then now() + interval '1 hour' end)""")) {
            ps.setString(1, id);
            ps.setString(2, receiver.url(path));
            ps.setArray(3, c.createArrayOf("text", new String[] {type}));
            ps.setString(4, CIPHER.encrypt(secret));
            ps.setString(5, profile);
            ps.setString(6, previous == null ? null : CIPHER.encrypt(previous));
            ps.setBoolean(7, previous != null);
            ps.executeUpdate();
        }
        return new Target(id, path, secret);
    }

    TestReceiver.Received deliveredTo(Target target) {
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(target.path()).size() == 1);
        return receiver.receivedOn(target.path()).getFirst();
    }

    static String hmacHex(String secret, String... parts) {
        byte[][] bytes = java.util.Arrays.stream(parts).map(p -> p.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
        return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), bytes));
    }

    static boolean sameBytes(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    static void verifiesAsStandardWebhooks(TestReceiver.Received request, Webhook webhook) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        webhook.verify(request.bodyText(), headers);
    }

    @Test
    void seed000ProfileSendsItsEnvelopeNamesAndBodyHmacWithTheCallersSecret() throws Exception {
        String secret = "webhook_secret_key";
        Target target = endpoint("seed000", "user.created", secret, null);
        String eventId = publish("user.created", "{\"user\":{\"id\":123,\"username\":\"newuser\",\"email\":\"newuser@example.com\",\"level\":1}}");
        TestReceiver.Received request = deliveredTo(target);

        JsonNode envelope = JSON.readTree(request.bodyText());
        assertEquals("user_registered", envelope.get("event").asText(), "seed 000's event name");
        assertEquals("newuser", envelope.at("/data/user/username").asText());
        assertEquals("2.0", envelope.at("/metadata/version").asText());
        assertEquals(target.endpointId(), envelope.at("/metadata/webhookId").asText());
        assertEquals(eventId, envelope.at("/metadata/eventId").asText());
        assertTrue(envelope.get("timestamp").asText().endsWith("Z"));
        assertEquals("sha256=" + hmacHex(secret, request.bodyText()), request.header("x-webhook-signature"));
        assertEquals("user_registered", request.header("x-webhook-event"));
        verifiesAsStandardWebhooks(request, new Webhook(secret.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void seed001ProfileSendsAUnixTimestampSourceAndTheSecretItsReceiversCompare() throws Exception {
        String secret = "your_secure_secret";
        Target target = endpoint("seed001", "order.created", secret, null);
        publish("order.created", "{\"orderId\":\"ord_123456\",\"productId\":\"prod_789012\",\"customerId\":\"cust_345678\",\"total\":1500.00}");
        TestReceiver.Received request = deliveredTo(target);

        JsonNode envelope = JSON.readTree(request.bodyText());
        assertEquals("order.created", envelope.get("event").asText());
        assertTrue(envelope.get("timestamp").isIntegralNumber(), "seed 001's timestamp is a Unix number: " + envelope);
        assertTrue(Math.abs(envelope.get("timestamp").asLong() - System.currentTimeMillis() / 1000) < 120);
        assertEquals("hookgate", envelope.get("source").asText());
        assertEquals(1500.00, envelope.at("/data/total").asDouble());
        assertTrue(sameBytes(secret, request.header("x-webhook-secret")), "validateWebhookSecret(received, expected)");
        assertEquals("sha256=" + hmacHex(secret, request.bodyText()), request.header("x-webhook-signature"));
        await().atMost(Duration.ofSeconds(5)).until(() -> !rows("select 1 from delivery_attempt where endpoint_id = ?", target.endpointId()).isEmpty());
        var logged = rows("select a.request_headers->>'X-Webhook-Secret' as secret from delivery_attempt a where a.endpoint_id = ?", target.endpointId());
        assertEquals("[redacted]", logged.getFirst().get("secret"), "the attempt log never shows the secret");
    }

    @Test
    void seed002ProfileSignsWhatJavaScriptReSerialisesAndNamesTheEvent() throws Exception {
        String secret = WebhookSecret.generate().value();
        Target target = endpoint("seed002", "trade.completed", secret, null);
        publish("trade.completed", "{\"tradeId\":\"tx_123\",\"userId\":\"user_456\",\"trackId\":\"track_789\",\"type\":\"BUY\","
                + "\"amount\":100,\"price\":1.50,\"totalValue\":150.00,\"txHash\":\"0x...\"}");
        TestReceiver.Received request = deliveredTo(target);

        JsonNode envelope = JSON.readTree(request.bodyText());
        assertEquals(List.of("event", "timestamp", "data"), iterable(envelope.fieldNames()));
        assertEquals("trade.completed", request.header("x-v2k-event"));
        assertTrue(request.bodyText().contains("\"price\":1.5,") && request.bodyText().matches(".*\"totalValue\":150[,}].*"),
                "numbers as JSON.stringify writes them: " + request.bodyText());
        assertEquals(hmacHex(secret, request.bodyText()), request.header("x-v2k-signature"));
        assertNull(request.header("x-webhook-signature"));
        verifiesAsStandardWebhooks(request, new Webhook(secret));
        assertEquals("valid", seed002Snippet(request.bodyText(), request.header("x-v2k-signature"), secret));
        assertEquals("invalid", seed002Snippet(request.bodyText(), request.header("x-v2k-signature"), secret + "x"), "the control");
    }

    @Test
    void seed002ProfileSendsItsTestEventAsPrinted() throws Exception {
        String secret = WebhookSecret.generate().value();
        Target target = endpoint("seed002", "test.event", secret, null);
        publish("test.event", "{\"test\":true,\"message\":\"This is a test webhook\"}");
        TestReceiver.Received request = deliveredTo(target);

        JsonNode envelope = JSON.readTree(request.bodyText());
        assertEquals("test", envelope.get("event").asText());
        assertEquals("{\"test\":true,\"message\":\"This is a test webhook\"}", envelope.get("data").toString());
        assertEquals("test", request.header("x-v2k-event"));
        assertEquals(hmacHex(secret, request.bodyText()), request.header("x-v2k-signature"));
    }

    @Test
    void seed003ProfileSignsThePlainBodyAndCarriesWebhookId() throws Exception {
        String secret = WebhookSecret.generate().value();
        Target target = endpoint("seed003", "user.created", secret, null);
        publish("user.created", "{\"user_id\":123,\"email\":\"user@example.com\"}");
        TestReceiver.Received request = deliveredTo(target);

        JsonNode envelope = JSON.readTree(request.bodyText());
        assertEquals(List.of("event", "timestamp", "data", "webhook_id"), iterable(envelope.fieldNames()));
        assertEquals(target.endpointId(), envelope.get("webhook_id").asText());
        assertTrue(sameBytes(hmacHex(secret, request.bodyText()), request.header("x-webhook-signature")), "compare_digest(signature, expected)");
        verifiesAsStandardWebhooks(request, new Webhook(secret));
    }

    @Test
    void seed004ProfileSignsTimestampDotBodyAndPutsEventTypeInData() throws Exception {
        String secret = WebhookSecret.generate().value();
        Target target = endpoint("seed004", "user.created", secret, null);
        publish("user.created", "{\"user\":{\"id\":123,\"email\":\"user@example.com\",\"username\":\"newuser\",\"user_type\":\"creator\"}}");
        TestReceiver.Received request = deliveredTo(target);

        JsonNode envelope = JSON.readTree(request.bodyText());
        assertEquals(List.of("event_id", "timestamp", "webhook", "data"), iterable(envelope.fieldNames()));
        assertEquals("user.created", envelope.at("/data/event_type").asText(), "its receivers switch on event.data.event_type");
        assertEquals("event_type", envelope.get("data").fieldNames().next());
        assertEquals("creator", envelope.at("/data/user/user_type").asText());
        assertEquals(target.endpointId(), envelope.at("/webhook/id").asText());
        String timestamp = request.header("x-webhook-timestamp");
        assertEquals("sha256=" + hmacHex(secret, timestamp + "." + request.bodyText()), request.header("x-webhook-signature"));
        verifiesAsStandardWebhooks(request, new Webhook(secret));
    }

    @Test
    void duringARotationEverySignatureCarriesBothSecrets() throws Exception {
        String current = WebhookSecret.generate().value();
        String previous = WebhookSecret.generate().value();
        Target seed003 = endpoint("seed003", "user.created", current, previous);
        Target seed002 = endpoint("seed002", "user.created", current, previous);
        Target standard = endpoint("standard", "user.created", current, previous);
        publish("user.created", "{\"user_id\":7,\"email\":\"seven@example.com\"}");

        TestReceiver.Received plain = deliveredTo(seed003);
        assertEquals(List.of(hmacHex(current, plain.bodyText()), hmacHex(previous, plain.bodyText())),
                List.of(plain.header("x-webhook-signature").split(" ")));
        TestReceiver.Received v2k = deliveredTo(seed002);
        assertEquals(List.of(hmacHex(current, v2k.bodyText()), hmacHex(previous, v2k.bodyText())), List.of(v2k.header("x-v2k-signature").split(" ")));
        TestReceiver.Received std = deliveredTo(standard);
        String ts = std.header("x-webhook-timestamp");
        assertEquals(List.of("sha256=" + hmacHex(current, ts + "." + std.bodyText()), "sha256=" + hmacHex(previous, ts + "." + std.bodyText())),
                List.of(std.header("x-webhook-signature").split(" ")));
        verifiesAsStandardWebhooks(std, new Webhook(current));
        verifiesAsStandardWebhooks(std, new Webhook(previous));
        assertThrows(Exception.class, () -> verifiesAsStandardWebhooks(std, new Webhook(WebhookSecret.generate().value())), "the control");
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    /** Runs seed 002's JavaScript verifySignature on the delivered body; skipped where Node.js is not installed. */
    private static String seed002Snippet(String body, String signature, String secret) throws Exception {
        Path script = Path.of("src/test/resources/seed-receivers/seed002-verify.js").toAbsolutePath();
        boolean node;
        try {
            node = new ProcessBuilder("node", "--version").start().waitFor() == 0;
        } catch (java.io.IOException e) {
            node = false;
        }
        Assumptions.assumeTrue(node, "Node.js is not installed: seed 002's own JavaScript check is skipped (the Java HMAC check above ran)");
        Path bodyFile = Files.createTempFile("seed002-body", ".json");
        Files.writeString(bodyFile, body);
        Process run = new ProcessBuilder("node", script.toString(), bodyFile.toString(), signature, secret).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        run.waitFor();
        return out;
    }
}
