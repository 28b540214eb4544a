package io.hookgate.ingest.source;

import com.standardwebhooks.Webhook;
import io.hookgate.core.Ids;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.signing.Hmac;
import io.hookgate.signing.SecretCipher;
import io.hookgate.signing.WebhookSecret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Registered inbound sources, one test per verification scheme with a recorded provider payload: a valid signature is
 * accepted and republished once, a tampered body or signature is refused with WEBHOOK_001 and writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class SourceWebhookRouteTest {

    static final TestDatabase DB = TestDatabase.shared();

    @Inject
    SecretCipher cipher;

    @Test
    void standardWebhooksCallsAreVerifiedWithTheOfficialSignatureAndRepublishedOnce() throws Exception {
        String secret = WebhookSecret.generate().value();
        Source source = register("standard_webhooks", secret, Map.of());
        String body = fixture("standard-webhooks-invoice.paid.json");
        String msgId = "msg_" + UUID.randomUUID();
        long now = System.currentTimeMillis() / 1000;
        String signature = new Webhook(secret).sign(msgId, now, body);

        ValidatableResponse first = post(source, body, Map.of("webhook-id", msgId, "webhook-timestamp", Long.toString(now),
                "webhook-signature", "v1,bm90IHRoaXMgb25l " + signature)).statusCode(200)
                .body("success", equalTo(true)).body("data.processed", equalTo(true))
                .body("data.eventType", equalTo("source." + source.name + ".invoice.paid")).body("data.sourceEventId", equalTo(msgId));
        String eventId = first.extract().path("data.eventId");
        var event = DB.rows("select type, tenant_id, source, payload->>'verifiedBy' as verified, payload->'payload'->'data'->>'invoice_id' as invoice, "
                + "payload->>'sourceId' as source_id from event where id = ?", eventId).getFirst();
        assertEquals("source." + source.name + ".invoice.paid", event.get("type"));
        assertEquals("org_default", event.get("tenant_id"));
        assertEquals("standard_webhooks", event.get("verified"));
        assertEquals("inv_2025_0042", event.get("invoice"));
        assertEquals(source.id, event.get("source_id"));
        assertEquals(1, DB.count("select count(*) from outbox where event_id = ?", eventId));

        // The provider's retry of the same message: the first answer, not a second event.
        post(source, body, Map.of("webhook-id", msgId, "webhook-timestamp", Long.toString(now), "webhook-signature", signature))
                .statusCode(200).body("data.processed", equalTo(false)).body("data.eventId", equalTo(eventId));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + source.id));

        String tampered = body.replace("4900", "9900");
        post(source, tampered, Map.of("webhook-id", msgId + "x", "webhook-timestamp", Long.toString(now), "webhook-signature", signature))
                .statusCode(401).body("error", equalTo("WEBHOOK_001")).body("requestId", notNullValue());
        String old = Long.toString(now - 3600);
        post(source, body, Map.of("webhook-id", msgId, "webhook-timestamp", old, "webhook-signature", new Webhook(secret).sign(msgId, now - 3600, body)))
                .statusCode(401).body("error", equalTo("WEBHOOK_002"));
        post(source, body, Map.of("webhook-id", msgId, "webhook-timestamp", Long.toString(now))).statusCode(401)
                .body("error", equalTo("WEBHOOK_001")).body("message", containsString("webhook-signature missing"));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + source.id));
        assertEquals(2, DB.count("select count(*) from security_audit where source = ? and kind = 'signature_failed'", source.id));
    }

    @Test
    void stripeSignaturesAreCheckedOverTimestampAndBody() throws Exception {
        String secret = "whsec_test_" + UUID.randomUUID();
        Source source = register("stripe", secret, Map.of());
        String body = fixture("stripe-payment_intent.succeeded.json").replace("evt_3NG8Du2eZvKYlo2C1pJ8Xa0q", "evt_" + UUID.randomUUID());
        long t = System.currentTimeMillis() / 1000;

        post(source, body, Map.of("Stripe-Signature", "t=" + t + ",v1=" + hex(secret, t + "." + body) + ",v0=deadbeef"))
                .statusCode(200).body("data.processed", equalTo(true))
                .body("data.eventType", equalTo("source." + source.name + ".payment_intent.succeeded"));
        assertEquals(1, DB.count("select count(*) from event where source = ? and payload->'payload'->'data'->'object'->>'amount' = '2000'",
                "source:" + source.id));

        String other = body.replace("\"amount\": 2000", "\"amount\": 1");
        post(source, other, Map.of("Stripe-Signature", "t=" + t + ",v1=" + hex(secret, t + "." + body))).statusCode(401)
                .body("error", equalTo("WEBHOOK_001"));
        post(source, body, Map.of("Stripe-Signature", "t=" + (t + 1) + ",v1=" + hex(secret, t + "." + body))).statusCode(401)
                .body("error", equalTo("WEBHOOK_001"));
        long old = t - 301;
        post(source, body, Map.of("Stripe-Signature", "t=" + old + ",v1=" + hex(secret, old + "." + body))).statusCode(401)
                .body("error", equalTo("WEBHOOK_002"));
        post(source, body, Map.of("Stripe-Signature", "v1=" + hex(secret, t + "." + body))).statusCode(401)
                .body("message", containsString("no t="));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + source.id));
    }

    @Test
    void gitHubCallsAreVerifiedByXHubSignature256AndTypedByTheirEventHeader() throws Exception {
        String secret = "gh-" + UUID.randomUUID();
        Source source = register("github", secret, Map.of());
        String body = fixture("github-push.json");
        String delivery = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", delivery,
                "X-Hub-Signature-256", "sha256=" + hex(secret, body));

        post(source, body, headers).statusCode(200).body("data.eventType", equalTo("source." + source.name + ".push"))
                .body("data.sourceEventId", equalTo(delivery));
        post(source, body.replace("Update README.md", "rm -rf /"), headers).statusCode(401).body("error", equalTo("WEBHOOK_001"));
        post(source, body, Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", delivery, "X-Hub-Signature-256", hex(secret, body)))
                .statusCode(401).body("message", containsString("does not start with sha256="));
        post(source, body, Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hex(secret, body)))
                .statusCode(400).body("error", equalTo("WEBHOOK_007")).body("message", containsString("header:X-GitHub-Delivery"));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + source.id));
    }

    /**
     * GitHub signs the body only, not X-GitHub-Delivery: a captured call replayed under a new delivery id is answered as
     * the duplicate it is (the body's digest is a second receipt), while a new body under a new id is a new event.
     */
    @Test
    void aGitHubCallReplayedUnderANewDeliveryIdIsADuplicate() throws Exception {
        String secret = "gh-" + UUID.randomUUID();
        Source source = register("github", secret, Map.of());
        String body = fixture("github-push.json");
        String first = UUID.randomUUID().toString();
        post(source, body, Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", first, "X-Hub-Signature-256", "sha256=" + hex(secret, body)))
                .statusCode(200).body("data.processed", equalTo(true));
        String replayId = UUID.randomUUID().toString();
        Map<String, String> replay = Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", replayId, "X-Hub-Signature-256", "sha256=" + hex(secret, body));
        post(source, body, replay).statusCode(200).body("data.processed", equalTo(false)).body("data.sourceEventId", equalTo(first));
        post(source, body, replay).statusCode(200).body("data.processed", equalTo(false));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + source.id));

        // the control: another body under another id is a new event
        String other = body.replace("Update README.md", "Update LICENSE");
        post(source, other, Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", "sha256=" + hex(secret, other))).statusCode(200).body("data.processed", equalTo(true));
        assertEquals(2, DB.count("select count(*) from event where source = ?", "source:" + source.id));
    }

    @Test
    void plainHmacInHexOrBase64OverAConfiguredHeader() throws Exception {
        String hexSecret = "acme-" + UUID.randomUUID();
        Source acme = register("hmac_hex", hexSecret, Map.of("signature_header", "X-Acme-Signature", "signature_prefix", "sha256=",
                "event_type_from", "/event", "dedupe_id_from", "/event_id"));
        String body = fixture("acme-shipment.delivered.json");
        post(acme, body, Map.of("X-Acme-Signature", "sha256=" + hex(hexSecret, body))).statusCode(200)
                .body("data.eventType", equalTo("source." + acme.name + ".shipment.delivered")).body("data.sourceEventId", equalTo("acme_evt_000173"));
        post(acme, body.replace("DHL", "UPS"), Map.of("X-Acme-Signature", "sha256=" + hex(hexSecret, body))).statusCode(401)
                .body("error", equalTo("WEBHOOK_001"));
        post(acme, body, Map.of("X-Acme-Signature", "sha256=zz")).statusCode(401).body("message", containsString("not hex"));

        String b64Secret = "shpss_" + UUID.randomUUID();
        Source shop = register("hmac_base64", b64Secret, Map.of("signature_header", "X-Shopify-Hmac-Sha256",
                "event_type_from", "header:X-Shopify-Topic", "dedupe_id_from", "header:X-Shopify-Webhook-Id"));
        String order = fixture("shopify-orders-create.json");
        String signature = Base64.getEncoder().encodeToString(Hmac.sha256(b64Secret.getBytes(StandardCharsets.UTF_8), order.getBytes(StandardCharsets.UTF_8)));
        Map<String, String> headers = Map.of("X-Shopify-Hmac-Sha256", signature, "X-Shopify-Topic", "orders/create",
                "X-Shopify-Webhook-Id", UUID.randomUUID().toString());
        post(shop, order, headers).statusCode(200).body("data.eventType", equalTo("source." + shop.name + ".orders/create"));
        post(shop, order.replace("199.65", "0.01"), headers).statusCode(401).body("error", equalTo("WEBHOOK_001"));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + acme.id));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + shop.id));
    }

    @Test
    void aPayloadThatWouldNestTooDeepOnceWrappedIsRefusedAndOneThatFitsIsAccepted() throws Exception {
        String secret = "deep-" + UUID.randomUUID();
        Source deep = register("hmac_hex", secret, Map.of("signature_header", "X-Acme-Signature", "signature_prefix", "sha256=",
                "event_type_from", "/event", "dedupe_id_from", "/event_id"));
        // 32 levels inside the body is within the input boundary's 40, but the event wraps it one level deeper
        String tooDeep = "{\"event\":\"x\",\"event_id\":\"" + UUID.randomUUID() + "\",\"d\":" + "[".repeat(31) + "]".repeat(31) + "}";
        post(deep, tooDeep, Map.of("X-Acme-Signature", "sha256=" + hex(secret, tooDeep))).statusCode(400)
                .body("error", equalTo("WEBHOOK_007")).body("message", containsString("nested deeper than 32"));
        String fits = "{\"event\":\"x\",\"event_id\":\"" + UUID.randomUUID() + "\",\"d\":" + "[".repeat(30) + "]".repeat(30) + "}";
        post(deep, fits, Map.of("X-Acme-Signature", "sha256=" + hex(secret, fits))).statusCode(200).body("data.processed", equalTo(true));
        assertEquals(1, DB.count("select count(*) from event where source = ?", "source:" + deep.id));
    }

    @Test
    void unknownOrDisabledSourcesAndUnacceptedEventTypesAreRefused() throws Exception {
        String secret = "acme-" + UUID.randomUUID();
        Source source = register("hmac_hex", secret, Map.of("signature_header", "X-Sig", "event_type_from", "/event",
                "dedupe_id_from", "/event_id", "accepted_events", "{shipment.created}"));
        String body = fixture("acme-shipment.delivered.json");
        post(source, body, Map.of("X-Sig", hex(secret, body))).statusCode(400).body("error", equalTo("WEBHOOK_003"))
                .body("message", containsString("does not accept 'shipment.delivered'"));
        String badType = body.replace("shipment.delivered", "shipment delivered!");
        post(source, badType, Map.of("X-Sig", hex(secret, badType))).statusCode(400).body("error", equalTo("WEBHOOK_003"));
        String array = "[1,2]";
        post(source, array, Map.of("X-Sig", hex(secret, array))).statusCode(400).body("error", equalTo("WEBHOOK_007"));

        given().contentType(ContentType.JSON).body(body).post("/api/webhook/sources/src_nope").then().statusCode(403)
                .body("error", equalTo("WEBHOOK_008")).body("requestId", notNullValue());
        assertEquals(1, DB.count("select count(*) from security_audit where source = 'src_nope' and kind = 'unknown_source'"));
        DB.update("update inbound_source set enabled = false where id = ?", source.id);
        post(source, body, Map.of("X-Sig", hex(secret, body))).statusCode(403).body("error", equalTo("WEBHOOK_008"));
        assertEquals(0, DB.count("select count(*) from event where source = ?", "source:" + source.id));
    }

    @Test
    void anAdminsPolicyRowSetsTheSourcesAllowlistAndRateLimit() throws Exception {
        String secret = "acme-" + UUID.randomUUID();
        Source source = register("hmac_hex", secret, Map.of("signature_header", "X-Sig", "event_type_from", "/event", "dedupe_id_from", "/event_id"));
        DB.update("insert into source_policy (source, ip_allowlist, rate_limit, rate_window_seconds) values (?, '{198.51.100.0/24,2001:db8:42::/48}', 2, 3600)", source.id);
        String body = fixture("acme-shipment.delivered.json");
        for (String outsider : new String[] {"203.0.113.9", "2001:db8:43::1"}) {
            post(source, body, Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", outsider)).statusCode(403).body("error", equalTo("WEBHOOK_008"));
        }
        post(source, body, Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", "2001:db8:42::7")).statusCode(200);
        post(source, body, Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", "198.51.100.20")).statusCode(200).body("data.processed", equalTo(false));
        post(source, body, Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", "198.51.100.20")).statusCode(429)
                .body("error", equalTo("WEBHOOK_005")).header("Retry-After", notNullValue());
        assertEquals(1, DB.count("select count(*) from security_audit where source = ? and kind = 'rate_limited'", source.id));
    }

    @Test
    void tenBadSignaturesFromOneAddressBlockItUntilLiftedAndAreAnnounced() throws Exception {
        String secret = "acme-" + UUID.randomUUID();
        Source source = register("hmac_hex", secret, Map.of("signature_header", "X-Sig", "event_type_from", "/event", "dedupe_id_from", "/event_id"));
        String body = fixture("acme-shipment.delivered.json");
        String attacker = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        String neighbour = "2001:db8:77::" + Integer.toHexString(1 + new java.util.Random().nextInt(60000));
        for (int i = 1; i <= 10; i++) {
            post(source, body.replace("shipment", "shipment" + i), Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", attacker))
                    .statusCode(401).body("error", equalTo("WEBHOOK_001"));
        }
        // the eleventh call from it is valid, and refused all the same; another address's valid call is accepted (the control)
        post(source, body, Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", attacker)).statusCode(403)
                .body("error", equalTo("WEBHOOK_008")).body("message", containsString("blocked")).body("requestId", notNullValue());
        post(source, body, Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", neighbour)).statusCode(200).body("data.processed", equalTo(true));

        var block = DB.rows("select id, strikes, expires_at > now() + interval '50 minutes' as long_enough from inbound_block "
                + "where source = ? and client_ip = ? and lifted_at is null", source.id, attacker);
        assertEquals(1, block.size(), block.toString());
        assertEquals(10, block.getFirst().get("strikes"));
        assertEquals(true, block.getFirst().get("long_enough"));
        // announced to the source's organisation, with an outbox row each: a warning at five bad signatures, then the block
        var alerts = DB.rows("""
                select e.type, e.tenant_id, e.source, e.payload->>'clientIp' as ip, e.payload->>'blockId' as block, o.event_id is not null as outboxed
                from event e left join outbox o on o.event_id = e.id
                where e.type like 'security.%' and e.payload->>'source' = ? order by e.seq""", source.id);
        assertEquals(List.of("security.signature_failures", "security.ip_blocked", "security.source_blocked"),
                alerts.stream().map(a -> a.get("type")).toList(), alerts.toString());
        for (var alert : alerts) {
            assertEquals("org_default", alert.get("tenant_id"));
            assertEquals("hookgate", alert.get("source"));
            assertEquals(attacker, alert.get("ip"));
            assertEquals(true, alert.get("outboxed"));
        }
        assertEquals(block.getFirst().get("id"), alerts.get(1).get("block"));
        assertEquals(1, DB.count("select count(*) from security_audit where source = ? and kind = 'address_blocked' and client_ip = ?",
                source.id, attacker));

        // a second refused call within the alert interval announces nothing more
        post(source, body, Map.of("X-Sig", hex(secret, body), "X-Forwarded-For", attacker)).statusCode(403);
        assertEquals(3, DB.count("select count(*) from event where type like 'security.%' and payload->>'source' = ?", source.id));

        // lifted (what DELETE /api/v1/sources/{source}/blocked-addresses/{id} does): the address may call again
        DB.update("update inbound_block set lifted_at = now(), lifted_by = 'test' where id = ?", block.getFirst().get("id"));
        DB.update("delete from inbound_strike where source = ? and client_ip = ?", source.id, attacker);
        String next = body.replace("acme_evt_000173", "acme_evt_000174");
        post(source, next, Map.of("X-Sig", hex(secret, next), "X-Forwarded-For", attacker)).statusCode(200).body("data.processed", equalTo(true));
    }

    record Source(String id, String name) {
    }

    /** Registers a source as the admin API stores it: the secret encrypted, unset locations at the scheme's defaults. */
    Source register(String scheme, String secret, Map<String, String> settings) throws Exception {
        var defaults = io.hookgate.source.VerificationScheme.of(scheme).orElseThrow();
        String id = Ids.next("src");
        String name = scheme.replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        DB.update("""
                insert into inbound_source (id, tenant_id, name, scheme, secret_ciphertext, signature_header, signature_prefix,
                                            event_type_from, dedupe_id_from, accepted_events)
                values (?, 'org_default', ?, ?, ?, ?, ?, ?, ?, cast(? as text[]))""",
                id, name, scheme, cipher.encrypt(secret), settings.get("signature_header"), settings.get("signature_prefix"),
                settings.getOrDefault("event_type_from", defaults.defaultEventTypeFrom()),
                settings.getOrDefault("dedupe_id_from", defaults.defaultDedupeIdFrom()), settings.get("accepted_events"));
        return new Source(id, name);
    }

    static ValidatableResponse post(Source source, String body, Map<String, String> headers) {
        RequestSpecification request = given().contentType(ContentType.JSON).body(body);
        headers.forEach(request::header);
        return request.post("/api/webhook/sources/" + source.id).then();
    }

    static String hex(String secret, String content) {
        return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), content.getBytes(StandardCharsets.UTF_8)));
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = SourceWebhookRouteTest.class.getResourceAsStream("/fixtures/sources/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
