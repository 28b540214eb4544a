package io.hookgate.delivery;

import com.standardwebhooks.Webhook;
import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.TestReceiver;
import io.hookgate.signing.Hmac;
import io.hookgate.signing.SecretCipher;
import io.hookgate.signing.WebhookSecret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = HookgateTestResource.class, initArgs = @ResourceArg(name = "esm-port", value = "8183"))
class DeliveryFunctionTest {

    /** The %test profile's key, so endpoints written here decrypt in the function (JVM or native). */
    static final String TEST_CRYPTO_KEY = "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=";
    /** The delivery function's mock event server (quarkus.lambda.mock-event-server.test-port). */
    static final java.net.URI FUNCTION = java.net.URI.create("http://127.0.0.1:8183/_lambda_");

    static final SecretCipher CIPHER = new SecretCipher(() -> TEST_CRYPTO_KEY);

    final DevStack stack = DevStack.shared();
    final TestReceiver receiver = stack.receiver();

    record Setup(String endpointId, String path, WebhookSecret secret) {
    }

    Setup endpoint(String... events) throws Exception {
        return endpointOn(receiver, events);
    }

    /** An enabled webhook endpoint on the test receiver, subscribed to {@code events}. */
    static Setup endpointOn(TestReceiver receiver, String... events) throws Exception {
        String id = Ids.next("ep");
        String path = "/hooks/" + UUID.randomUUID();
        WebhookSecret secret = WebhookSecret.generate();
        try (Connection c = connect(); var ps = c.prepareStatement("""
                insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext)
                values (?, 'org_default', 'test receiver', ?, ?, ?)""")) {
            ps.setString(1, id);
            ps.setString(2, receiver.url(path));
            ps.setArray(3, c.createArrayOf("text", events));
            ps.setString(4, CIPHER.encrypt(secret.value()));
            ps.executeUpdate();
        }
        return new Setup(id, path, secret);
    }

    /** Commits an event and sends its fan-out message, as the event journal and outbox publisher do. */
    static String publish(String type, String payloadJson) throws Exception {
        DevStack stack = DevStack.shared();
        String id = Ids.next("evt");
        try (Connection c = connect(); var ps = c.prepareStatement(
                "insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', ?, ?::jsonb, 'test')")) {
            ps.setString(1, id);
            ps.setString(2, type);
            ps.setString(3, payloadJson);
            ps.executeUpdate();
        }
        stack.queues().client().sendMessage(b -> b.queueUrl(stack.queues().eventsUrl())
                .messageBody("{\"kind\":\"fanout\",\"eventId\":\"" + id + "\"}"));
        return id;
    }

    static String status(String eventId, String endpointId) throws Exception {
        var found = rows("select status from delivery where event_id = ? and endpoint_id = ?", eventId, endpointId);
        return found.isEmpty() ? null : (String) found.getFirst().get("status");
    }

    static String uniqueType() {
        return "test." + UUID.randomUUID().toString().substring(0, 8);
    }

    static Connection connect() throws Exception {
        return TestDatabase.shared().connect();
    }

    static List<Map<String, Object>> rows(String sql, Object... args) throws Exception {
        return TestDatabase.shared().rows(sql, args);
    }

    @Test
    void anEventIsDeliveredSignedToEverySubscribedEndpointOnly() throws Exception {
        String type = uniqueType();
        Setup subscribed = endpoint(type);
        Setup wildcard = endpoint("*");
        Setup other = endpoint(uniqueType());
        String eventId = publish(type, "{\"userId\":123,\"credited\":875.00}");

        // the wildcard endpoint also gets the organisation's operational alerts about other tests' endpoints: count this event's
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(subscribed.path()).size() == 1
                && receiver.receivedOn(wildcard.path()).stream().filter(r -> r.bodyText().contains(eventId)).count() == 1);
        TestReceiver.Received request = receiver.receivedOn(subscribed.path()).getFirst();

        Map<String, List<String>> headers = new java.util.HashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        new Webhook(subscribed.secret().value()).verify(request.bodyText(), headers);
        String expectedLegacy = "sha256=" + HexFormat.of().formatHex(Hmac.sha256(subscribed.secret().legacyKey(),
                (request.header("x-webhook-timestamp") + "." + request.bodyText()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expectedLegacy, request.header("x-webhook-signature"));
        assertEquals(type, request.header("x-webhook-event"));
        assertTrue(request.header("webhook-id").startsWith("dlv_"));
        assertTrue(request.bodyText().contains("\"event_id\":\"" + eventId + "\""));
        assertTrue(request.bodyText().contains("\"credited\":875.00"), request.bodyText());

        var delivery = rows("select status, attempt_count from delivery where event_id = ? and endpoint_id = ?", eventId, subscribed.endpointId());
        await().atMost(Duration.ofSeconds(5)).until(() -> "SUCCESS".equals(status(eventId, subscribed.endpointId())));
        var attempts = rows("select a.response_status, a.request_headers->>'webhook-signature' as sig from delivery_attempt a "
                + "join delivery d on d.id = a.delivery_id where d.event_id = ? and d.endpoint_id = ?", eventId, subscribed.endpointId());
        assertEquals(1, attempts.size());
        assertEquals(200, attempts.getFirst().get("response_status"));
        assertEquals("[redacted]", attempts.getFirst().get("sig"));
        assertEquals(1, delivery.size());
        assertTrue(receiver.receivedOn(other.path()).isEmpty(), "an endpoint of another event type receives nothing");
        assertEquals(0, rows("select 1 from delivery where event_id = ? and endpoint_id = ?", eventId, other.endpointId()).size());
    }

    /** Credentials in custom headers travel to the receiver, are sealed at rest and never reach the attempt log. */
    @Test
    void sealedCustomHeadersAreSentAndRedactedInTheLogAndUnsealedOnesStillWork() throws Exception {
        String type = uniqueType();
        Setup sealed = endpoint(type);
        Setup legacy = endpoint(type);
        TestDatabase.shared().update("update endpoint set headers = ?::jsonb, headers_ciphertext = ? where id = ?",
                "{\"Authorization\":\"(set)\",\"X-Tenant\":\"acme\"}",
                CIPHER.encrypt("{\"Authorization\":\"Bearer s3cret\",\"X-Tenant\":\"acme\"}"), sealed.endpointId());
        TestDatabase.shared().update("update endpoint set headers = ?::jsonb where id = ?",
                "{\"X-Api-Key\":\"legacy-key\"}", legacy.endpointId());
        String eventId = publish(type, "{\"n\":1}");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(sealed.path()).size() == 1
                && receiver.receivedOn(legacy.path()).size() == 1);
        assertEquals("Bearer s3cret", receiver.receivedOn(sealed.path()).getFirst().header("authorization"));
        assertEquals("acme", receiver.receivedOn(sealed.path()).getFirst().header("x-tenant"));
        assertEquals("legacy-key", receiver.receivedOn(legacy.path()).getFirst().header("x-api-key"));
        await().atMost(Duration.ofSeconds(5)).until(() -> "SUCCESS".equals(status(eventId, sealed.endpointId()))
                && "SUCCESS".equals(status(eventId, legacy.endpointId())));
        var logged = rows("select a.request_headers::text as headers from delivery_attempt a join delivery d on d.id = a.delivery_id "
                + "where d.event_id = ? order by d.endpoint_id", eventId);
        assertEquals(2, logged.size());
        logged.forEach(row -> {
            String headers = (String) row.get("headers");
            assertFalse(headers.contains("s3cret") || headers.contains("legacy-key"), "no credential in the attempt log: " + headers);
        });
        assertTrue(logged.stream().anyMatch(row -> ((String) row.get("headers")).contains("\"X-Tenant\": \"acme\"")), logged.toString());
    }

    @Test
    void categoryWildcardsMatchEveryTypeOfTheirCategory() throws Exception {
        Setup users = endpoint("user.*");
        Setup billing = endpoint("billing.*");
        String kyc = publish("user.kyc.approved", "{\"userId\":\"user_456\",\"verifiedAt\":\"2025-12-02T12:00:00Z\"}");
        String invoice = publish("invoice.paid", "{\"invoice_id\":\"inv_1\",\"paid_at\":\"2025-01-26T12:00:00Z\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(users.path()).size() == 1
                && receiver.receivedOn(billing.path()).size() == 1);
        assertTrue(receiver.receivedOn(users.path()).getFirst().bodyText().contains(kyc));
        assertTrue(receiver.receivedOn(billing.path()).getFirst().bodyText().contains(invoice));
        // invoice.paid is not a user event: the user.* endpoint keeps exactly one request.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.receivedOn(users.path()).size() == 1);
    }

    @Test
    void payloadFiltersDecideWhichEventsAnEndpointGets() throws Exception {
        String type = uniqueType();
        Setup filtered = endpoint(type);
        TestDatabase.shared().update("update endpoint set filters = ?::jsonb where id = ?",
                "{\"userLevel\":{\"min\":5},\"forums\":[\"bitcoin-discussion\",\"altcoin-discussion\"]}", filtered.endpointId());
        String low = publish(type, "{\"userLevel\":3,\"forums\":\"bitcoin-discussion\"}");
        String otherForum = publish(type, "{\"userLevel\":9,\"forums\":\"memes\"}");
        String match = publish(type, "{\"userLevel\":9,\"forums\":\"altcoin-discussion\"}");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(filtered.path()).size() >= 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> receiver.receivedOn(filtered.path()).size() == 1);
        var received = receiver.receivedOn(filtered.path());
        assertEquals(1, received.size());
        assertTrue(received.getFirst().bodyText().contains(match));
        assertEquals(0, rows("select 1 from delivery where event_id in (?, ?) and endpoint_id = ?", low, otherForum, filtered.endpointId()).size());
    }

    @Test
    void aFailedAttemptIsRetriedWithTheSameWebhookIdAndBothAttemptsAreLogged() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(500));
        String eventId = publish(type, "{\"userId\":7}");

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(setup.path()).size() == 2);
        var received = receiver.receivedOn(setup.path());
        assertEquals(received.get(0).header("webhook-id"), received.get(1).header("webhook-id"));

        await().atMost(Duration.ofSeconds(5)).until(() -> "SUCCESS".equals(status(eventId, setup.endpointId())));
        var attempts = rows("select a.attempt_number, a.response_status, a.trigger from delivery_attempt a join delivery d on d.id = a.delivery_id "
                + "where d.event_id = ? and d.endpoint_id = ? order by a.attempt_number", eventId, setup.endpointId());
        assertEquals(2, attempts.size());
        assertEquals(500, attempts.get(0).get("response_status"));
        assertEquals(200, attempts.get(1).get("response_status"));
        assertEquals("automatic", attempts.get(1).get("trigger"));
    }

    @Test
    void aReceiverThatNeverSucceedsExhaustsTheScheduleAndStaysReplayable() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(503), TestReceiver.Reply.status(500),
                TestReceiver.Reply.status(502), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500));
        String eventId = publish(type, "{\"userId\":8}");

        await().atMost(Duration.ofSeconds(30)).until(() -> "RETRY_EXHAUSTED".equals(status(eventId, setup.endpointId())));
        assertEquals(4, receiver.receivedOn(setup.path()).size(), "the test schedule has four attempts");
        assertEquals(4, rows("select 1 from delivery_attempt a join delivery d on d.id = a.delivery_id where d.event_id = ? and d.endpoint_id = ?",
                eventId, setup.endpointId()).size());
    }

    @Test
    void anEndpointRetryPolicyReplacesTheDefaultSchedule() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        TestDatabase.shared().update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"maxAttempts\":2,\"backoff\":\"fixed\",\"baseDelayMs\":500}", setup.endpointId());
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500));
        String eventId = publish(type, "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(status(eventId, setup.endpointId())));
        assertEquals(2, receiver.receivedOn(setup.path()).size(), "the policy allows two attempts");
    }

    /** Seed 003's kind of schedule: the waits as listed, one attempt more than waits, no jitter. */
    @Test
    void anExplicitScheduleWaitsExactlyTheListedDelays() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        TestDatabase.shared().update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"backoff\":\"schedule\",\"delaysMs\":[1000,2500]}", setup.endpointId());
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500),
                TestReceiver.Reply.status(500));
        String eventId = publish(type, "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(status(eventId, setup.endpointId())));
        var times = receiver.receivedOn(setup.path()).stream().map(TestReceiver.Received::at).toList();
        assertEquals(3, times.size(), "two waits: three attempts");
        long first = Duration.between(times.get(0), times.get(1)).toMillis();
        long second = Duration.between(times.get(1), times.get(2)).toMillis();
        assertTrue(first >= 1000 && first < 2500, "the first wait is 1 s (whole-second doorbells), was " + first);
        assertTrue(second >= 2500 && second < 4500, "the second wait is 2.5 s, was " + second);
    }

    /** Seed 004: a 5xx is retried at once, then the policy's delays follow. */
    @Test
    void anImmediateRetryFollowsAServerErrorAtOnce() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        TestDatabase.shared().update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"maxAttempts\":2,\"backoff\":\"fixed\",\"baseDelayMs\":2000,\"immediateRetry\":true}", setup.endpointId());
        // a 502 (a 503 or 429 would also lower the endpoint's rate: adaptive limiting spaces even the immediate retry)
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(502), TestReceiver.Reply.status(500));
        String eventId = publish(type, "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventId, setup.endpointId())));
        var times = receiver.receivedOn(setup.path()).stream().map(TestReceiver.Received::at).toList();
        assertEquals(3, times.size(), "502, an immediate retry (500), then the policy's retry (200)");
        long immediate = Duration.between(times.get(0), times.get(1)).toMillis();
        long planned = Duration.between(times.get(1), times.get(2)).toMillis();
        assertTrue(immediate < 1000, "the retry after a 5xx goes at once, took " + immediate);
        assertTrue(planned >= 2000, "then the policy's 2 s, took " + planned);
    }

    @Test
    void a410GoneStopsRetryingAtOnce() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(410));
        String eventId = publish(type, "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(status(eventId, setup.endpointId())));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> receiver.receivedOn(setup.path()).size() == 1);
    }

    @Test
    void retryAfterIsHonouredAndNextRetryIsVisible() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        receiver.thenReply(setup.path(), TestReceiver.Reply.tooManyRequests(3));
        String eventId = publish(type, "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(status(eventId, setup.endpointId())));
        var failed = rows("select extract(epoch from next_retry_at - updated_at) as wait, last_status_code from delivery where event_id = ? and endpoint_id = ?",
                eventId, setup.endpointId()).getFirst();
        assertEquals(429, failed.get("last_status_code"));
        assertTrue(((Number) failed.get("wait")).doubleValue() >= 3, "the delay honours Retry-After: " + failed.get("wait"));
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventId, setup.endpointId())));
        var received = receiver.receivedOn(setup.path());
        assertTrue(java.time.Duration.between(received.get(0).at(), received.get(1).at()).toMillis() >= 2900,
                "the second attempt waited for Retry-After");
    }

    @Test
    void anOpenCircuitHoldsDeliveriesBackWithoutSpendingAttemptsThenOneProbeClosesIt() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500));
        String first = publish(type, "{}");

        await().atMost(Duration.ofSeconds(20)).until(() -> TestDatabase.shared()
                .value("select circuit_opened_at from endpoint where id = ?", setup.endpointId()) != null);
        assertEquals(3, receiver.receivedOn(setup.path()).size(), "the test threshold is three failures");
        String second = publish(type, "{}");
        // While the circuit is open nothing reaches the endpoint and the held-back delivery spends no attempt.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofMillis(2500)).until(() -> receiver.receivedOn(setup.path()).size() == 3
                && ((Number) TestDatabase.shared().value("select attempt_count from delivery where event_id = ? and endpoint_id = ?", second, setup.endpointId())).intValue() == 0);

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(first, setup.endpointId()))
                && "SUCCESS".equals(status(second, setup.endpointId())));
        var received = receiver.receivedOn(setup.path());
        assertTrue(Duration.between(received.get(2).at(), received.get(3).at()).toMillis() >= 2500,
                "the probe waited for the open period");
        var endpoint = rows("select circuit_opened_at, consecutive_failures from endpoint where id = ?", setup.endpointId()).getFirst();
        assertEquals(null, endpoint.get("circuit_opened_at"));
        assertEquals(0, endpoint.get("consecutive_failures"));
    }

    /**
     * Issue 18's operational alerts: an endpoint's circuit opening and closing are announced once each to the
     * organisation's endpoints that subscribe (a webhook and a Slack channel here), and never to the endpoint itself,
     * although it subscribes too.
     */
    @Test
    void aCircuitOpeningAndClosingIsAnnouncedOnceEachButNeverToItsOwnEndpoint() throws Exception {
        String type = uniqueType();
        Setup failing = endpoint(type, "endpoint.circuit_opened", "endpoint.circuit_closed");
        Setup watcher = endpoint("endpoint.circuit_opened", "endpoint.circuit_closed");
        String slackPath = "/slack/" + UUID.randomUUID();
        try (Connection c = connect(); var ps = c.prepareStatement("""
                insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext, channel, channel_config)
                values (?, 'org_default', 'ops slack', ?, ?, ?, 'slack', '{}'::jsonb)""")) {
            ps.setString(1, Ids.next("ep"));
            ps.setString(2, receiver.url(slackPath));
            ps.setArray(3, c.createArrayOf("text", new String[] {"endpoint.circuit_opened", "endpoint.circuit_closed"}));
            ps.setString(4, CIPHER.encrypt(WebhookSecret.generate().value()));
            ps.executeUpdate();
        }
        receiver.thenReply(failing.path(), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500));
        String first = publish(type, "{}");

        java.util.function.Function<String, Long> alerts = event -> receiver.receivedOn(watcher.path()).stream()
                .filter(r -> r.bodyText().contains("\"event\":\"" + event + "\"") && r.bodyText().contains(failing.endpointId())).count();
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts.apply("endpoint.circuit_opened") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(slackPath).stream()
                .anyMatch(r -> r.bodyText().contains("endpoint.circuit_opened") && r.bodyText().contains(failing.endpointId())));
        // the probe after the open period succeeds: the circuit closes, and that is announced too
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(first, failing.endpointId())));
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts.apply("endpoint.circuit_closed") == 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(slackPath).stream()
                .anyMatch(r -> r.bodyText().contains("endpoint.circuit_closed") && r.bodyText().contains(failing.endpointId())));
        com.fasterxml.jackson.databind.JsonNode opened = new com.fasterxml.jackson.databind.ObjectMapper().readTree(receiver.receivedOn(watcher.path()).stream()
                .filter(r -> r.bodyText().contains("endpoint.circuit_opened") && r.bodyText().contains(failing.endpointId()))
                .findFirst().orElseThrow().bodyText());
        assertEquals(3, opened.path("data").path("consecutiveFailures").asInt(), opened.toString());
        assertTrue(opened.path("data").hasNonNull("retryAt"), opened.toString());

        // once each, and none of it to the endpoint the alerts are about (which subscribes to them: the watcher's
        // deliveries above are the control that the same subscription delivers)
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> alerts.apply("endpoint.circuit_opened") == 1
                && alerts.apply("endpoint.circuit_closed") == 1);
        assertTrue(receiver.receivedOn(failing.path()).stream().noneMatch(r -> r.bodyText().contains("endpoint.circuit")),
                "an alert about an endpoint never goes to it");
        assertTrue(rows("""
                select 1 from delivery d join event e on e.id = d.event_id
                where d.endpoint_id = ? and e.type like 'endpoint.circuit_%'""", failing.endpointId()).isEmpty());
    }

    @Test
    void consecutiveExhaustedDeliveriesDisableTheEndpointAndEmitEndpointDisabled() throws Exception {
        String type = uniqueType();
        Setup failing = endpoint(type);
        Setup watcher = endpoint("endpoint.disabled");
        TestDatabase.shared().update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"maxAttempts\":1,\"backoff\":\"fixed\",\"baseDelayMs\":0}", failing.endpointId());
        receiver.respondWith(failing.path(), () -> TestReceiver.Reply.status(500));
        for (int i = 1; i <= 5; i++) {   // the test profile disables after 5
            assertEquals(true, rows("select active from endpoint where id = ?", failing.endpointId()).getFirst().get("active"), "after " + (i - 1));
            String event = publish(type, "{}");
            await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(status(event, failing.endpointId())));
        }

        var endpoint = rows("select active, disabled_reason, disabled_at from endpoint where id = ?", failing.endpointId()).getFirst();
        assertEquals(false, endpoint.get("active"));
        assertTrue(endpoint.get("disabled_reason").toString().contains("5 consecutive deliveries failed"), endpoint.toString());
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(watcher.path()).stream()
                .anyMatch(r -> r.bodyText().contains(failing.endpointId()) && r.bodyText().contains("\"event\":\"endpoint.disabled\"")));
        String third = publish(type, "{}");
        // A disabled endpoint gets no new deliveries.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> rows("select 1 from delivery where event_id = ? and endpoint_id = ?", third, failing.endpointId()).isEmpty());
    }

    @Test
    void aBurstOfExhaustedDeliveriesIsAnnouncedAsTheFirstThenOneDigest() throws Exception {
        String type = uniqueType();
        Setup failing = endpoint(type, "delivery.exhausted");
        Setup watcher = endpoint("delivery.exhausted");
        TestDatabase.shared().update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"maxAttempts\":1,\"backoff\":\"fixed\",\"baseDelayMs\":0}", failing.endpointId());
        receiver.respondWith(failing.path(), () -> TestReceiver.Reply.status(500));
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {   // fewer than the 5 that disable the endpoint in the test profile
            events.add(publish(type, "{}"));
        }
        for (String event : events) {
            await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(status(event, failing.endpointId())));
        }
        java.util.function.Supplier<List<com.fasterxml.jackson.databind.JsonNode>> alerts = () -> receiver.receivedOn(watcher.path()).stream()
                .filter(r -> r.bodyText().contains("\"event\":\"delivery.exhausted\"") && r.bodyText().contains(failing.endpointId()))
                .map(r -> {
                    try {
                        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.bodyText()).path("data");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .sorted(java.util.Comparator.comparing(data -> data.path("since").asText()))
                .toList();
        // the first at once; the three that exhausted within the digest window (3 s here) together once it has passed
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts.get().stream().mapToInt(a -> a.path("count").asInt()).sum() == 4);
        List<com.fasterxml.jackson.databind.JsonNode> received = alerts.get();
        assertEquals(2, received.size(), received.toString());
        assertEquals(1, received.get(0).path("count").asInt(), received.toString());
        com.fasterxml.jackson.databind.JsonNode digest = received.get(1);
        assertEquals(3, digest.path("count").asInt(), digest.toString());
        assertEquals(3, digest.path("deliveries").size(), digest.toString());
        assertEquals(false, digest.path("truncated").asBoolean(), digest.toString());
        java.util.Set<String> listed = new java.util.HashSet<>();
        received.forEach(alert -> alert.path("deliveries").forEach(d -> listed.add(d.path("eventId").asText())));
        assertEquals(new java.util.HashSet<>(events), listed, "every exhausted delivery is named once: " + received);
        assertEquals("HTTP 500", digest.path("deliveries").get(0).path("lastError").asText(), digest.toString());
        assertEquals(List.of("http_5xx"), rows("select distinct error_category from delivery_attempt where endpoint_id = ?", failing.endpointId())
                .stream().map(r -> r.get("error_category")).toList(), "every attempt's error is categorised");
        assertEquals(type, digest.path("deliveries").get(0).path("eventType").asText(), digest.toString());
        // and nothing more: the watcher's alerts above are the control; the failing endpoint, subscribed, gets none
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).until(() -> alerts.get().size() == 2);
        assertTrue(receiver.receivedOn(failing.path()).stream().noneMatch(r -> r.bodyText().contains("delivery.exhausted")));
    }

    @Test
    void anEndpointSlowerThanItsOrganisationsThresholdIsAnnouncedDegradedThenRecovered() throws Exception {
        String org = Ids.next("org");
        TestDatabase db = TestDatabase.shared();
        db.update("insert into tenant (id, name) values (?, 'degradation test')", org);
        // this organisation's thresholds: p95 at most 300 ms over at least 3 attempts (the test profile's window is 4 s)
        db.update("insert into tenant_alert_settings (tenant_id, max_p95_ms, min_attempts) values (?, 300, 3)", org);
        String type = uniqueType();
        String slowPath = "/hooks/" + UUID.randomUUID();
        String watchPath = "/hooks/" + UUID.randomUUID();
        String slow = Ids.next("ep");
        String watcher = Ids.next("ep");
        try (Connection c = connect(); var ps = c.prepareStatement("""
                insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext) values (?, ?, 'degradation', ?, ?, ?)""")) {
            for (String[] row : List.of(new String[] {slow, slowPath, type}, new String[] {watcher, watchPath, "endpoint.degraded,endpoint.recovered"})) {
                ps.setString(1, row[0]);
                ps.setString(2, org);
                ps.setString(3, receiver.url(row[1]));
                ps.setArray(4, c.createArrayOf("text", row[2].split(",")));
                ps.setString(5, CIPHER.encrypt(WebhookSecret.generate().value()));
                ps.executeUpdate();
            }
        }
        receiver.respondWith(slowPath, () -> TestReceiver.Reply.stall(Duration.ofMillis(500)));
        java.util.function.Function<String, List<com.fasterxml.jackson.databind.JsonNode>> alerts = event -> receiver.receivedOn(watchPath).stream()
                .filter(r -> r.bodyText().contains("\"event\":\"" + event + "\""))
                .map(r -> {
                    try {
                        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.bodyText()).path("data");
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }).toList();
        for (int i = 0; i < 3; i++) {
            publishFor(org, type);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts.apply("endpoint.degraded").size() == 1);
        com.fasterxml.jackson.databind.JsonNode degraded = alerts.apply("endpoint.degraded").getFirst();
        assertEquals(slow, degraded.path("endpointId").asText());
        assertEquals("p95", degraded.path("reason").asText(), degraded.toString());
        assertTrue(degraded.path("p95ResponseTime").asLong() >= 500, degraded.toString());
        assertEquals(300, degraded.path("thresholds").path("maxP95ResponseTime").asInt(), degraded.toString());
        assertEquals(1.0, degraded.path("successRate").asDouble(), degraded.toString());
        assertTrue(alerts.apply("endpoint.recovered").isEmpty(), "not recovered while the slow attempts are in the window");

        // quick again: once the slow attempts have left the window, three quick ones recover it
        receiver.respondWith(slowPath, TestReceiver.Reply::ok);
        Thread.sleep(4_000);
        for (int i = 0; i < 3; i++) {
            publishFor(org, type);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> alerts.apply("endpoint.recovered").size() == 1);
        com.fasterxml.jackson.databind.JsonNode recovered = alerts.apply("endpoint.recovered").getFirst();
        assertEquals(slow, recovered.path("endpointId").asText());
        assertTrue(recovered.path("p95ResponseTime").asLong() < 300, recovered.toString());
        assertTrue(recovered.hasNonNull("degradedSince"), recovered.toString());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> alerts.apply("endpoint.degraded").size() == 1
                && alerts.apply("endpoint.recovered").size() == 1);
        assertEquals(null, rows("select degraded_since from endpoint where id = ?", slow).getFirst().get("degraded_since"));
    }

    /** Commits an event of {@code tenant} and sends its fan-out message. */
    static String publishFor(String tenant, String type) throws Exception {
        DevStack stack = DevStack.shared();
        String id = Ids.next("evt");
        TestDatabase.shared().update("insert into event (id, tenant_id, type, payload, source) values (?, ?, ?, '{}'::jsonb, 'test')", id, tenant, type);
        stack.queues().client().sendMessage(b -> b.queueUrl(stack.queues().eventsUrl())
                .messageBody("{\"kind\":\"fanout\",\"eventId\":\"" + id + "\"}"));
        return id;
    }

    @Test
    void anOrganisationsForbiddenDestinationIsRefusedAtEveryAttemptWithoutACall() throws Exception {
        String org = Ids.next("org");
        TestDatabase db = TestDatabase.shared();
        db.update("insert into tenant (id, name) values (?, 'outbound policy test')", org);
        String type = uniqueType();
        String path = "/hooks/" + UUID.randomUUID();
        String endpoint = Ids.next("ep");
        db.update("insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext) values (?, ?, 'policy', ?, ?::text[], ?)",
                endpoint, org, receiver.url(path), "{" + type + "}", CIPHER.encrypt(WebhookSecret.generate().value()));
        // the control: with no policy the receiver (on 127.0.0.1) gets the delivery
        String allowed = publishFor(org, type);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(allowed, endpoint)));

        db.update("insert into tenant_outbound_policy (tenant_id, blocked_destinations) values (?, '{198.51.100.0/24,127.0.0.1/32}')", org);
        String forbidden = publishFor(org, type);
        await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(status(forbidden, endpoint)));
        var attempt = rows("select a.error, a.error_category, a.response_status from delivery_attempt a join delivery d on d.id = a.delivery_id "
                + "where d.event_id = ? and d.endpoint_id = ?", forbidden, endpoint);
        assertEquals(1, attempt.size(), "refused once, not retried");
        assertEquals("refused_target", attempt.getFirst().get("error_category"));
        assertTrue(attempt.getFirst().get("error").toString().contains("its organisation forbids"), attempt.toString());
        assertEquals(1, receiver.receivedOn(path).size(), "nothing reached the forbidden destination");
    }

    @Test
    void aManualRetryMakesOneMoreAttemptLoggedWithItsTrigger() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        TestDatabase.shared().update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"maxAttempts\":1,\"backoff\":\"fixed\",\"baseDelayMs\":0}", setup.endpointId());
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(500));
        String eventId = publish(type, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(status(eventId, setup.endpointId())));
        String deliveryId = (String) TestDatabase.shared().value("select id from delivery where event_id = ? and endpoint_id = ?", eventId, setup.endpointId());

        // What the admin API's retry route does: make the row due again, then ring its doorbell with the manual trigger.
        TestDatabase.shared().update("update delivery set status = 'PENDING', next_attempt_at = now(), doorbell_at = now() where id = ?", deliveryId);
        stack.queues().client().sendMessage(b -> b.queueUrl(stack.queues().deliveriesUrl())
                .messageBody("{\"kind\":\"deliver\",\"deliveryId\":\"" + deliveryId + "\",\"trigger\":\"manual\"}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventId, setup.endpointId())));
        var attempts = rows("select attempt_number, trigger, response_status from delivery_attempt where delivery_id = ? order by attempt_number", deliveryId);
        assertEquals(2, attempts.size());
        assertEquals("automatic", attempts.get(0).get("trigger"));
        assertEquals("manual", attempts.get(1).get("trigger"));
        assertEquals(200, attempts.get(1).get("response_status"));
    }

    @Test
    void duringASecretRotationBothSecretsVerifyAndAfterItOnlyTheNewOne() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        WebhookSecret next = WebhookSecret.generate();
        TestDatabase.shared().update("update endpoint set previous_secret_ciphertext = secret_ciphertext, secret_ciphertext = ?, "
                + "previous_secret_expires_at = now() + interval '1 hour' where id = ?", CIPHER.encrypt(next.value()), setup.endpointId());
        publish(type, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(setup.path()).size() == 1);
        TestReceiver.Received during = receiver.receivedOn(setup.path()).getFirst();
        new Webhook(next.value()).verify(during.bodyText(), headersOf(during));
        new Webhook(setup.secret().value()).verify(during.bodyText(), headersOf(during));

        TestDatabase.shared().update("update endpoint set previous_secret_expires_at = now() - interval '1 second' where id = ?", setup.endpointId());
        publish(type, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(setup.path()).size() == 2);
        TestReceiver.Received after = receiver.receivedOn(setup.path()).get(1);
        new Webhook(next.value()).verify(after.bodyText(), headersOf(after));
        assertThrows(com.standardwebhooks.exceptions.WebhookVerificationException.class,
                () -> new Webhook(setup.secret().value()).verify(after.bodyText(), headersOf(after)));
    }

    static Map<String, List<String>> headersOf(TestReceiver.Received request) {
        Map<String, List<String>> headers = new java.util.HashMap<>();
        request.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        return headers;
    }

    @Test
    void theRateLimitSpacesDeliveriesWithoutSpendingAttempts() throws Exception {
        String type = uniqueType();
        Setup limited = endpoint(type);
        TestDatabase.shared().update("update endpoint set rate_limit_per_minute = 60, rate_limit_burst = 2 where id = ?", limited.endpointId());
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            events.add(publish(type, "{}"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedOn(limited.path()).size() == 4);
        var received = receiver.receivedOn(limited.path()).stream().map(TestReceiver.Received::at).sorted().toList();
        assertTrue(Duration.between(received.get(0), received.get(3)).toMillis() >= 1500,
                "a burst of two, then one a second: " + received);
        for (String event : events) {
            assertEquals(1, ((Number) TestDatabase.shared().value("select attempt_count from delivery where event_id = ? and endpoint_id = ?",
                    event, limited.endpointId())).intValue(), "waiting for a token spends no attempt");
        }
    }

    @Test
    void aReceiverFailingThirtyPercentGetsEveryEventExactlyOnceAndAttemptsAddUp() throws Exception {
        String type = uniqueType();
        Setup flaky = endpoint(type);
        TestDatabase db = TestDatabase.shared();
        db.update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"maxAttempts\":12,\"backoff\":\"fixed\",\"baseDelayMs\":200}", flaky.endpointId());
        java.util.Random random = new java.util.Random(42);
        TestReceiver.Reply[] script = new TestReceiver.Reply[200];
        for (int i = 0; i < script.length; i++) {
            script[i] = random.nextDouble() < 0.3 ? TestReceiver.Reply.status(500) : TestReceiver.Reply.ok();
        }
        receiver.thenReply(flaky.path(), script);
        List<String> events = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(publish(type, "{\"n\":" + i + "}"));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", flaky.endpointId()) == 20);
        var received = receiver.receivedOn(flaky.path());
        long attempts = db.count("select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id where d.endpoint_id = ?",
                flaky.endpointId());
        assertEquals(received.size(), attempts, "every request the receiver saw is an attempt in the log");
        assertEquals(attempts, db.count("select sum(attempt_count) from delivery where endpoint_id = ?", flaky.endpointId()));
        assertEquals(20, db.count("select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id "
                + "where d.endpoint_id = ? and a.response_status = 200", flaky.endpointId()), "one success per event");
        var acceptedIds = new java.util.HashSet<String>();
        var ids = db.rows("select d.id from delivery d where d.endpoint_id = ?", flaky.endpointId()).stream()
                .map(r -> (String) r.get("id")).collect(java.util.stream.Collectors.toSet());
        received.forEach(r -> assertTrue(ids.contains(r.header("webhook-id"))));
        db.rows("select d.id from delivery_attempt a join delivery d on d.id = a.delivery_id where d.endpoint_id = ? and a.response_status = 200",
                flaky.endpointId()).forEach(r -> assertTrue(acceptedIds.add((String) r.get("id")), "accepted once per webhook-id"));
        assertEquals(20, acceptedIds.size());
        assertTrue(attempts > 20, "some attempts failed and were retried: " + attempts);
    }

    @Test
    void aSlowEndpointInTheSameBatchDoesNotDelayTheOthers() throws Exception {
        String type = uniqueType();
        Setup slow = endpoint(type);
        Setup fast = endpoint(type);
        receiver.thenReply(slow.path(), TestReceiver.Reply.stall(Duration.ofSeconds(5)));
        TestDatabase db = TestDatabase.shared();
        String eventId = storedEvent(db, type);
        var batch = batch(deliver(db, eventId, slow), deliver(db, eventId, fast));

        var invocation = java.util.concurrent.CompletableFuture.supplyAsync(() -> invoke(batch));
        await().atMost(Duration.ofSeconds(4)).until(() -> receiver.receivedOn(fast.path()).size() == 1);
        assertTrue(receiver.receivedOn(slow.path()).isEmpty(), "the slow endpoint is still answering");
        assertTrue(invocation.get(20, java.util.concurrent.TimeUnit.SECONDS).isEmpty());
        assertEquals(1, receiver.receivedOn(slow.path()).size());
    }

    @Test
    void aSlowEndpointsDeliveriesMoveToTheSlowLaneUntilItAnswersPromptlyAgain() throws Exception {
        String type = uniqueType();
        Setup slow = endpoint(type);
        Setup fast = endpoint(type);
        TestDatabase db = TestDatabase.shared();
        receiver.respondWith(slow.path(), () -> TestReceiver.Reply.stall(Duration.ofSeconds(3)));
        String eventId = storedEvent(db, type);
        // The slow endpoint's first attempt, on the main lane, takes 3 s (over the 2 s threshold) and marks it slow.
        String first = deliver(db, eventId, slow);
        assertTrue(invoke(batch(first)).isEmpty());
        assertTrue(db.value("select slow_since from endpoint where id = ?", slow.endpointId()) != null, "marked slow");

        // A main-lane batch with both endpoints: the fast one is called, the slow one's delivery moves to the slow lane.
        String eventTwo = storedEvent(db, type);
        String toSlow = deliver(db, eventTwo, slow);
        String toFast = deliver(db, eventTwo, fast);
        assertTrue(invoke(batch(toSlow, toFast)).isEmpty());
        assertEquals(1, receiver.receivedOn(fast.path()).size());
        assertEquals(1, receiver.receivedOn(slow.path()).size(), "the batch did not wait for the slow endpoint's second call");
        assertEquals(0, ((Number) db.value("select attempt_count from delivery where id = ?", toSlow)).intValue(), "moving spends no attempt");

        // The slow lane's own pollers deliver it.
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(db.value("select status from delivery where id = ?", toSlow)));
        assertEquals(2, receiver.receivedOn(slow.path()).size());

        // Once an attempt is quick again the mark is cleared, and the endpoint is back on the main lane.
        receiver.respondWith(slow.path(), TestReceiver.Reply::ok);
        String eventThree = publish(type, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventThree, slow.endpointId())));
        assertNull(db.value("select slow_since from endpoint where id = ?", slow.endpointId()));
    }

    @Test
    void anInvocationWithoutRecordsStartsTheFunctionAndDoesNothing() {
        // infra/ runs Flyway at deploy by starting this function with migrate-at-start and invoking it with {}.
        assertTrue(invoke("{}").isEmpty());
    }

    /** An event committed without a fan-out message: the test hands its deliveries to the handler itself. */
    static String storedEvent(TestDatabase db, String type) throws Exception {
        String eventId = Ids.next("evt");
        db.update("insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', ?, '{}', 'test')", eventId, type);
        return eventId;
    }

    static String deliver(TestDatabase db, String eventId, Setup target) throws Exception {
        String deliveryId = Ids.next("dlv");
        db.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status) values (?, 'org_default', ?, ?, 'PENDING')",
                deliveryId, eventId, target.endpointId());
        return deliveryId;
    }

    /** A main-lane batch (SQSEvent JSON), as the deliveries queue's event-source mapping would send it. */
    static String batch(String... deliveryIds) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var records = json.createArrayNode();
        for (String id : deliveryIds) {
            records.addObject().put("messageId", id).put("receiptHandle", "test-" + id)
                    .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:000000000000:hookgate-deliveries")
                    .put("body", "{\"kind\":\"deliver\",\"deliveryId\":\"" + id + "\"}");
        }
        return json.createObjectNode().set("Records", records).toString();
    }

    /** Invokes the function through its mock event server, as Lambda does; returns the batch item failures' ids. */
    static List<String> invoke(String batch) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(FUNCTION)
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(batch)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            List<String> failed = new java.util.ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).path("batchItemFailures")
                    .forEach(f -> failed.add(f.path("itemIdentifier").asText()));
            return failed;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A test send reaches a disabled endpoint whose circuit is open, is attempted exactly once whatever the answer, and
     * leaves the endpoint's health as it was.
     */
    @Test
    void aTestDeliveryIsSentOnceEvenToADisabledEndpointAndLeavesItsHealthAlone() throws Exception {
        TestDatabase db = TestDatabase.shared();
        Setup setup = endpoint(uniqueType());
        db.update("update endpoint set active = false, circuit_opened_at = now(), consecutive_failures = 7 where id = ?", setup.endpointId());
        receiver.thenReply(setup.path(), TestReceiver.Reply.status(500));
        String failing = testDelivery(db, setup);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(db.value("select status from delivery where id = ?", failing)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> receiver.receivedOn(setup.path()).size() == 1);
        var delivery = rows("select attempt_count, next_retry_at, last_status_code from delivery where id = ?", failing).getFirst();
        assertEquals(1, delivery.get("attempt_count"));
        assertNull(delivery.get("next_retry_at"), "a test is never retried");
        assertEquals(500, delivery.get("last_status_code"));
        assertEquals("test", db.value("select trigger from delivery_attempt where delivery_id = ?", failing));
        var endpoint = rows("select active, consecutive_failures, circuit_opened_at from endpoint where id = ?", setup.endpointId()).getFirst();
        assertEquals(false, endpoint.get("active"));
        assertEquals(7, endpoint.get("consecutive_failures"), "the failed test is not counted against the endpoint");
        assertTrue(endpoint.get("circuit_opened_at") != null);

        String passing = testDelivery(db, setup);
        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(db.value("select status from delivery where id = ?", passing)));
        assertEquals(7, rows("select consecutive_failures from endpoint where id = ?", setup.endpointId()).getFirst().get("consecutive_failures"),
                "nor does a passing test close the circuit");
        var request = receiver.receivedOn(setup.path()).getLast();
        assertTrue(request.bodyText().contains("test.event"), request.bodyText());
    }

    /** A test delivery of a stored test.event, queued as the admin API queues it. */
    String testDelivery(TestDatabase db, Setup setup) throws Exception {
        String eventId = Ids.next("evt");
        db.update("insert into event (id, tenant_id, type, payload, source, target_endpoint_ids) values (?, 'org_default', 'test.event', "
                + "'{\"message\":\"This is a test webhook delivery\"}', 'admin-test', array[?])", eventId, setup.endpointId());
        String deliveryId = Ids.next("dlv");
        db.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status, test) values (?, 'org_default', ?, ?, 'PENDING', true)",
                deliveryId, eventId, setup.endpointId());
        stack.queues().client().sendMessage(b -> b.queueUrl(stack.queues().deliveriesUrl())
                .messageBody("{\"kind\":\"deliver\",\"deliveryId\":\"" + deliveryId + "\",\"trigger\":\"test\"}"));
        return deliveryId;
    }

    @Test
    void aRepeatedFanOutMessageCreatesNoSecondDelivery() throws Exception {
        String type = uniqueType();
        Setup setup = endpoint(type);
        String eventId = publish(type, "{\"user\":{\"id\":1}}");
        stack.queues().client().sendMessage(b -> b.queueUrl(stack.queues().eventsUrl())
                .messageBody("{\"kind\":\"fanout\",\"eventId\":\"" + eventId + "\"}"));

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(setup.path()).size() >= 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> receiver.receivedOn(setup.path()).size() == 1
                && rows("select 1 from delivery where event_id = ? and endpoint_id = ?", eventId, setup.endpointId()).size() == 1);
    }
}
