package io.hookgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.hookgate.devstack.SecretsManagerStub;
import io.hookgate.devstack.TestReceiver;
import io.hookgate.devstack.WsTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton end to end, across processes: the packaged ingest, admin, delivery and realtime deployables
 * against real PostgreSQL, real ElasticMQ and the real local receiver.
 */
class SystemEndToEndTest {

    static LocalSystem system;
    static HookgateClient client;
    static TestReceiver receiver;
    static OtlpCollector collector;
    static SecretsManagerStub secretsManager;
    static final String APP_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:hookgate/e2e/app-AbC123";

    /**
     * As deployed: every deployable traces and exports its spans to {@link #collector}, and reads its keys from the app
     * secret at start (its configuration holds only {@code secret:<field>} references) from {@link #secretsManager}.
     */
    static final List<String> MODULES = List.of("ingest", "admin", "delivery", "realtime");

    @BeforeAll
    static void start() throws Exception {
        collector = OtlpCollector.start();
        secretsManager = SecretsManagerStub.start();
        for (String module : MODULES) {
            // one copy of the app secret per module, to tell their reads apart
            secretsManager.put(APP_SECRET + module, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                    "cryptoKey", LocalSystem.CRYPTO_KEY, "adminBootstrapKey", LocalSystem.ADMIN_KEY, "ccpaymentSecret", LocalSystem.CCPAYMENT_SECRET)));
            String prefix = "hookgate.bench.config." + module + ".";
            System.setProperty(prefix + "hookgate.secrets.app-secret-arn", APP_SECRET + module);
            System.setProperty(prefix + "hookgate.secrets.endpoint", secretsManager.endpoint());
            System.setProperty(prefix + "hookgate.crypto.secret-key", "secret:cryptoKey");
            System.setProperty(prefix + "quarkus.otel.sdk.disabled", "false");
            System.setProperty(prefix + "quarkus.otel.exporter.otlp.traces.endpoint", collector.endpoint());
            System.setProperty(prefix + "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
            System.setProperty(prefix + "quarkus.otel.bsp.schedule.delay", "200ms");
        }
        System.setProperty("hookgate.bench.config.admin.hookgate.admin.bootstrap-key", "secret:adminBootstrapKey");
        System.setProperty("hookgate.bench.config.ingest.hookgate.ingest.ccpayment.secret", "secret:ccpaymentSecret");
        // A short lease margin, so an attempt whose process is killed is made again within seconds.
        system = LocalSystem.start(Path.of(System.getProperty("hookgate.root", "../..")).toAbsolutePath().normalize(), "0s,1s,2s,4s",
                2, Map.of("hookgate.delivery.lease-margin", "2s"));
        client = new HookgateClient(system);
        receiver = system.stack().receiver();
        client.price("ETH", "35000");
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
        collector.close();
        secretsManager.close();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("hookgate.bench.config."))
                .forEach(System::clearProperty);
    }

    /**
     * Every deployable but the migrating one connects as the application role, which can read and write rows but not
     * change the schema, Flyway's history or roles (core database.AppRole, kept by the migration as in AWS).
     */
    @Test
    void theDeployablesConnectAsARoleThatCannotChangeTheSchema() throws Exception {
        assertTrue(count("select count(*) from pg_stat_activity where usename = ?", LocalSystem.APP_ROLE) > 0,
                "ingest, delivery and realtime hold connections as " + LocalSystem.APP_ROLE);
        try (var connection = java.sql.DriverManager.getConnection(system.stack().jdbcUrl(), LocalSystem.APP_ROLE, LocalSystem.APP_ROLE_PASSWORD);
             var sql = connection.createStatement()) {
            connection.setAutoCommit(true);
            // control: the same connection reads and writes rows
            try (var rows = sql.executeQuery("select count(*) from event")) {
                assertTrue(rows.next());
            }
            sql.execute("update endpoint set name = name where false");
            for (String forbidden : List.of("create table intruder (id int)", "drop table event", "truncate delivery",
                    "alter table event add column x int", "update flyway_schema_history set success = false",
                    "create role intruder", "alter role " + LocalSystem.APP_ROLE + " superuser")) {
                var refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> sql.execute(forbidden), forbidden);
                assertTrue(refused.getMessage().contains("permission denied") || refused.getMessage().contains("must be "),
                        forbidden + ": " + refused.getMessage());
            }
        }
    }

    /**
     * The deployables took their keys from the app secret when they started (every signed call and sealed secret in
     * this class depends on them): one read per process, and no process's configuration holds a key itself.
     */
    @Test
    void keysAreReadFromSecretsManagerAtStartOncePerProcess() {
        Map<String, Integer> reads = new java.util.TreeMap<>();
        MODULES.forEach(module -> reads.put(module, secretsManager.reads(APP_SECRET + module)));
        // one admin process, two ingest processes (LocalSystem), each read once as it started; delivery once per start
        // (another test kills and restarts it); the realtime service seals and signs nothing, so it never asks for the
        // crypto key it is configured with
        assertEquals(1, reads.get("admin"), reads.toString());
        assertEquals(2, reads.get("ingest"), reads.toString());
        assertTrue(reads.get("delivery") >= 1 && reads.get("delivery") <= 2, reads.toString());
        assertEquals(0, reads.get("realtime"), reads.toString());
        for (String name : List.of("ingest", "ingest-2", "admin", "delivery")) {
            String command = system.commandLine(name);
            assertTrue(command.contains("-Dhookgate.crypto.secret-key=secret:cryptoKey"), command);
            assertTrue(!command.contains(LocalSystem.CRYPTO_KEY) && !command.contains(LocalSystem.ADMIN_KEY)
                    && !command.contains(LocalSystem.CCPAYMENT_SECRET), name + " was given a key itself: " + command);
        }
    }

    /**
     * One trace from the provider's call to the receiver: the deposit continues the trace its caller sent (W3C
     * traceparent), its event keeps that context, and the fan-out and the attempt (in another process, after SQS)
     * continue it; the receiver gets the attempt's span as its parent, and the attempt log keeps the trace id.
     */
    @Test
    void oneTraceRunsFromTheInboundRequestThroughTheFanOutToTheAttempt() throws Exception {
        Subscription endpoint = subscribe("deposit.confirmed");
        receiver.thenReply(endpoint.path(), TestReceiver.Reply.status(500));   // then 200: the retry continues the trace
        HexFormat hex = HexFormat.of();
        String traceId = String.format("%08x", System.currentTimeMillis() / 1000) + hex.formatHex(java.security.SecureRandom.getSeed(12));
        String callerSpan = hex.formatHex(java.security.SecureRandom.getSeed(8));
        String body = HookgateClient.depositBody("cc_order_" + UUID.randomUUID(), "4243", "ETH", "0.001");
        var reply = client.postIngest(0, "/api/webhook/ccpayment/deposit", body, Map.of(
                "X-CC-Signature", HookgateClient.ccSignature(body, LocalSystem.CCPAYMENT_SECRET),
                "X-CC-Timestamp", Long.toString(System.currentTimeMillis() / 1000),
                "traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertEquals(200, reply.status(), reply.body().toString());

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(endpoint.path()).size() == 2);
        String sent = receiver.receivedOn(endpoint.path()).getFirst().header("traceparent");
        assertTrue(sent != null && sent.matches("00-" + traceId + "-[0-9a-f]{16}-01"), "the receiver's traceparent: " + sent);
        String retried = receiver.receivedOn(endpoint.path()).get(1).header("traceparent");
        assertTrue(retried.startsWith("00-" + traceId + "-") && !retried.equals(sent), "the retry is a new span of the same trace: " + retried);
        String attemptSpan = sent.split("-")[2];
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id where d.endpoint_id = ? and a.trace_id = ?",
                endpoint.id(), traceId) == 2);
        // the failed attempt's JSON log line carries its delivery and trace
        String deliveryId = receiver.receivedOn(endpoint.path()).getFirst().header("webhook-id");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        await().atMost(Duration.ofSeconds(5)).until(() -> java.nio.file.Files.readAllLines(system.logs().resolve("delivery.log")).stream()
                .filter(line -> line.startsWith("{") && line.contains(deliveryId)).map(line -> {
                    try {
                        return json.readTree(line).path("mdc");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).anyMatch(mdc -> mdc.path("deliveryId").asText().equals(deliveryId) && mdc.path("traceId").asText().equals(traceId)));

        await().atMost(Duration.ofSeconds(20)).until(() -> collector.trace(traceId).stream().anyMatch(s -> s.spanId().equals(attemptSpan))
                && collector.trace(traceId).stream().anyMatch(s -> s.name().startsWith("fan out")));
        List<OtlpCollector.Span> trace = collector.trace(traceId);
        OtlpCollector.Span inbound = trace.stream().filter(s -> s.service().equals("hookgate-ingest") && s.kind().equals("SPAN_KIND_SERVER"))
                .findFirst().orElseThrow(() -> new AssertionError("no inbound server span in " + trace));
        assertEquals(callerSpan, inbound.parentSpanId(), "the inbound span continues the caller's: " + inbound);
        OtlpCollector.Span fanOut = trace.stream().filter(s -> s.name().equals("fan out deposit.confirmed")).findFirst().orElseThrow();
        assertEquals("hookgate-delivery", fanOut.service());
        OtlpCollector.Span attempt = trace.stream().filter(s -> s.spanId().equals(attemptSpan)).findFirst().orElseThrow();
        assertEquals("deliver deposit.confirmed", attempt.name(), attempt.toString());
        assertEquals("hookgate-delivery", attempt.service());
        assertEquals("SPAN_KIND_CLIENT", attempt.kind());
        // both continue the context the deposit stored with its event: spans of the ingest process
        List<String> ingestSpans = trace.stream().filter(s -> s.service().equals("hookgate-ingest")).map(OtlpCollector.Span::spanId).toList();
        assertTrue(ingestSpans.contains(fanOut.parentSpanId()) && ingestSpans.contains(attempt.parentSpanId()), trace.toString());

        JsonNode shown = client.admin("GET", "/api/v1/webhooks/" + endpoint.id() + "/deliveries", null).body();
        assertEquals(traceId, shown.path("data").path(0).path("attemptLog").path(0).path("traceId").asText(), shown.toString());
        assertEquals(traceId, shown.path("data").path(0).path("attemptLog").path(1).path("traceId").asText(), shown.toString());
    }

    record Subscription(String id, String secret, String path) {
    }

    static Subscription subscribe(String... events) throws Exception {
        String path = "/e2e/" + UUID.randomUUID();
        var created = client.admin("POST", "/api/v1/webhooks", Map.of("name", "e2e", "url", receiver.url(path), "events", List.of(events)));
        assertEquals(201, created.status(), created.body().toString());
        return new Subscription(created.body().path("id").asText(), created.body().path("secret").asText(), path);
    }

    static long count(String sql, Object... args) throws Exception {
        return system.stack().database().count(sql, args);
    }

    /** The packaged services run with the production profile, whose logs are JSON lines (level, message, MDC fields). */
    @Test
    void productionLogsAreJsonLines() throws Exception {
        for (String module : List.of("admin", "delivery")) {
            List<String> lines = java.nio.file.Files.readAllLines(system.logs().resolve(module + ".log")).stream()
                    .filter(line -> line.startsWith("{")).toList();
            assertTrue(lines.stream().anyMatch(line -> line.contains("started in")), module + ": the start line is a JSON line");
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            for (String line : lines) {
                var entry = json.readTree(line);
                assertTrue(entry.has("level") && entry.has("message") && entry.has("timestamp"), module + ": " + line);
            }
        }
    }

    @Test
    void aSignedDepositIsCreditedDeliveredRetriedPushedAndReadable() throws Exception {
        Subscription endpoint = subscribe("deposit.confirmed");
        receiver.thenReply(endpoint.path(), TestReceiver.Reply.status(500));
        var issued = client.admin("POST", "/api/v1/realtime/tokens", Map.of("userId", "4242"));
        assertEquals(201, issued.status(), issued.body().toString());
        String token = issued.body().path("token").asText();

        try (WsTestClient ws = WsTestClient.connect(system.realtime("/ws"))) {
            assertEquals("auth_required", ws.next(Duration.ofSeconds(5)).path("type").asText());
            ws.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            JsonNode auth = ws.next(Duration.ofSeconds(5));
            assertEquals("auth_success", auth.path("type").asText(), auth.toString());
            assertEquals(4242, auth.path("data").path("userId").asInt());
            ws.send("{\"type\":\"subscribe\",\"events\":[\"balance_update\"],\"filters\":{\"userId\":4242}}");
            ws.next("subscribed", Duration.ofSeconds(5));

            String order = "cc_order_" + UUID.randomUUID();
            var reply = client.deposit(order, "4242", "ETH", "0.025000000000000000");
            assertEquals(200, reply.status(), reply.body().toString());
            assertEquals(true, reply.body().path("data").path("processed").asBoolean());
            assertEquals(new BigDecimal("875.00"), reply.body().path("data").path("dgtCredited").decimalValue());
            assertEquals(new BigDecimal("35000.00"), reply.body().path("data").path("conversionRate").decimalValue());

            JsonNode push = ws.next("balance_update", Duration.ofSeconds(10));
            assertEquals(0, new BigDecimal("875.00").compareTo(push.path("data").path("newBalance").decimalValue()), push.toString());
            assertEquals(4242, push.path("data").path("userId").asInt());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.receivedOn(endpoint.path()).size() == 2);
        var attempts = receiver.receivedOn(endpoint.path());
        TestReceiver.Received delivered = attempts.get(1);
        assertEquals(attempts.get(0).header("webhook-id"), delivered.header("webhook-id"), "the webhook id is stable across retries");

        Map<String, List<String>> headers = new HashMap<>();
        delivered.headers().forEach((k, v) -> headers.put(k, List.of(v)));
        new Webhook(endpoint.secret()).verify(delivered.bodyText(), headers);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(endpoint.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal((delivered.header("x-webhook-timestamp") + "." + delivered.bodyText()).getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, delivered.header("x-webhook-signature"));
        assertTrue(delivered.bodyText().contains("\"event\":\"deposit.confirmed\""), delivered.bodyText());

        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCESS".equals(
                client.admin("GET", "/api/v1/webhooks/" + endpoint.id() + "/deliveries", null).body().path("data").path(0).path("status").asText()));
        JsonNode deliveries = client.admin("GET", "/api/v1/webhooks/" + endpoint.id() + "/deliveries", null).body();
        JsonNode delivery = deliveries.path("data").path(0);
        assertEquals(delivered.header("webhook-id"), delivery.path("id").asText());
        assertEquals("deposit.confirmed", delivery.path("event").asText());
        assertEquals(2, delivery.path("attempts").asInt());
        assertEquals(500, delivery.path("attemptLog").path(0).path("responseStatus").asInt());
        assertEquals(200, delivery.path("attemptLog").path(1).path("responseStatus").asInt());
        assertEquals("[redacted]", delivery.path("attemptLog").path(1).path("requestHeaders").path("webhook-signature").asText());
    }

    @Test
    void aHundredConcurrentCopiesAcrossTwoIngestProcessesCreditOnceAndDeliverOnce() throws Exception {
        Subscription endpoint = subscribe("deposit.confirmed");
        String order = "cc_race_" + UUID.randomUUID();
        String user = "race-" + UUID.randomUUID().toString().substring(0, 8);
        String body = HookgateClient.depositBody(order, user, "ETH", "0.01");
        String signature = HookgateClient.ccSignature(body, LocalSystem.CCPAYMENT_SECRET);
        List<Callable<HookgateClient.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int process = i % 2;
            calls.add(() -> client.postDeposit(process, body, signature, System.currentTimeMillis() / 1000));
        }
        int processed = 0;
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (Future<HookgateClient.Reply> reply : pool.invokeAll(calls)) {
                assertEquals(200, reply.get().status(), reply.get().body().toString());
                processed += reply.get().body().path("data").path("processed").asBoolean() ? 1 : 0;
            }
        }
        assertEquals(1, processed);
        assertEquals(1, count("select count(*) from ledger_entry where user_id = ?", user));
        assertEquals(1, count("select count(*) from account where user_id = ? and balance = 350", user));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(endpoint.path()).stream()
                .anyMatch(r -> r.bodyText().contains(order)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.receivedOn(endpoint.path()).stream().filter(r -> r.bodyText().contains(order)).count() == 1);
    }

    /**
     * The delivery process is killed (SIGKILL) while a batch of attempts is in flight, and started again: every delivery
     * still completes, from its row (leases expire, the realtime service's reconciler rings again). The receiver may see
     * an attempt twice (same webhook-id), which receivers deduplicate.
     */
    @Test
    void deliveriesInFlightWhenTheDeliveryProcessIsKilledCompleteAfterItRestarts() throws Exception {
        String path = "/e2e/" + UUID.randomUUID();
        var created = client.admin("POST", "/api/v1/webhooks", Map.of("name", "killed", "url", receiver.url(path),
                "events", List.of("deposit.confirmed"), "timeoutMs", 3000));
        assertEquals(201, created.status(), created.body().toString());
        String endpointId = created.body().path("id").asText();
        receiver.respondWith(path, () -> TestReceiver.Reply.stall(Duration.ofMillis(1500)));
        String user = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 12; i++) {
            assertEquals(200, client.deposit("cc_kill_" + i + "_" + UUID.randomUUID(), user, "ETH", "0.001").status());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.receivedOn(path).isEmpty());
        assertTrue(count("select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", endpointId) < 12,
                "the kill comes while deliveries are still in flight");
        system.kill("delivery");
        Thread.sleep(2000);
        system.restart("delivery");

        await().atMost(Duration.ofSeconds(90)).until(() -> count(
                "select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", endpointId) == 12);
        var received = receiver.receivedOn(path);
        assertEquals(12, received.stream().map(r -> r.header("webhook-id")).distinct().count(), "every delivery reached the receiver");
        assertEquals(12, count("select count(*) from delivery where endpoint_id = ? and attempt_count = 1", endpointId),
                "a killed attempt was never recorded, so each delivery has one recorded attempt");
    }

    /** The same race for withdrawals: 100 concurrent "completed" callbacks across both ingest JVMs complete it once. */
    @Test
    void aHundredConcurrentWithdrawalCallbacksAcrossTwoIngestProcessesCompleteItOnce() throws Exception {
        Subscription endpoint = subscribe("withdrawal.completed");
        String id = "cc_wd_race_" + UUID.randomUUID();
        String user = "wd-" + UUID.randomUUID().toString().substring(0, 8);
        String body = HookgateClient.withdrawalBody(id, user, "completed");
        String signature = HookgateClient.ccSignature(body, LocalSystem.CCPAYMENT_SECRET);
        List<Callable<HookgateClient.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int process = i % 2;
            calls.add(() -> client.postIngest(process, "/api/webhook/ccpayment/withdrawal", body,
                    Map.of("X-CC-Signature", signature, "X-CC-Timestamp", Long.toString(System.currentTimeMillis() / 1000))));
        }
        int processed = 0;
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (Future<HookgateClient.Reply> reply : pool.invokeAll(calls)) {
                assertEquals(200, reply.get().status(), reply.get().body().toString());
                assertEquals("completed", reply.get().body().path("data").path("status").asText());
                processed += reply.get().body().path("data").path("processed").asBoolean() ? 1 : 0;
            }
        }
        assertEquals(1, processed);
        assertEquals(2, count("select count(*) from ledger_entry where reference = ?", "ccpayment:" + id), "amount and fee, once");
        assertEquals(1, count("select count(*) from event where type = 'withdrawal.completed' and payload->>'withdrawalId' = ?", id));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(endpoint.path()).stream().anyMatch(r -> r.bodyText().contains(id)));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                .until(() -> receiver.receivedOn(endpoint.path()).stream().filter(r -> r.bodyText().contains(id)).count() == 1);
    }

    /** An admin registers GitHub as a source; a signed push reaches a subscriber as source.<name>.push, once. */
    @Test
    void aRegisteredProvidersVerifiedCallIsDeliveredToItsSubscribers() throws Exception {
        String name = "gh-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "e2e-github-secret-" + UUID.randomUUID();
        var source = client.admin("POST", "/api/v1/sources", Map.of("name", name, "scheme", "github", "secret", secret));
        assertEquals(201, source.status(), source.body().toString());
        Subscription endpoint = subscribe("source." + name + ".*");
        String body = "{\"ref\":\"refs/heads/main\",\"repository\":{\"full_name\":\"octo-org/hello-world\"},\"pusher\":{\"name\":\"octocat\"}}";
        String delivery = UUID.randomUUID().toString();
        Map<String, String> headers = Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", delivery,
                "X-Hub-Signature-256", HookgateClient.ccSignature(body, secret));
        String path = source.body().path("receiveUrl").asText();

        var accepted = client.postIngest(0, path, body, headers);
        assertEquals(200, accepted.status(), accepted.body().toString());
        assertEquals("source." + name + ".push", accepted.body().path("data").path("eventType").asText());
        var again = client.postIngest(1, path, body, headers);
        assertEquals(false, again.body().path("data").path("processed").asBoolean(), "GitHub's redelivery is recognised");
        var tampered = client.postIngest(0, path, body.replace("main", "evil"), headers);
        assertEquals(401, tampered.status());

        await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.receivedOn(endpoint.path()).isEmpty());
        var received = receiver.receivedOn(endpoint.path()).getFirst();
        var envelope = new com.fasterxml.jackson.databind.ObjectMapper().readTree(received.bodyText());
        assertEquals("source." + name + ".push", envelope.path("event").asText());
        assertEquals(delivery, envelope.path("data").path("sourceEventId").asText());
        assertEquals("octo-org/hello-world", envelope.path("data").path("payload").path("repository").path("full_name").asText());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> receiver.receivedOn(endpoint.path()).size() == 1);
    }

    /** An admin limits a source to 3 calls an hour; calls spread over both ingest JVMs share that one count. */
    @Test
    void aSourcesRateLimitIsSharedByBothIngestProcesses() throws Exception {
        String name = "limited-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "e2e-limited-secret-" + UUID.randomUUID();
        var source = client.admin("POST", "/api/v1/sources", Map.of("name", name, "scheme", "hmac_hex", "secret", secret,
                "signatureHeader", "X-Signature", "signaturePrefix", "sha256="));
        assertEquals(201, source.status(), source.body().toString());
        String id = source.body().path("id").asText();
        var policy = client.admin("PUT", "/api/v1/sources/" + id + "/policy", Map.of("rateLimit", 3, "rateWindowSeconds", 3600));
        assertEquals(200, policy.status(), policy.body().toString());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String body = "{\"type\":\"ping\",\"id\":\"" + UUID.randomUUID() + "\"}";
            statuses.add(client.postIngest(i % 2, "/api/webhook/sources/" + id, body, Map.of("X-Signature", HookgateClient.ccSignature(body, secret))).status());
        }
        assertEquals(List.of(200, 200, 200, 429, 429), statuses);
    }

    /** Seed 003's test route: the answer carries the attempt the delivery function made, whatever its outcome. */
    @Test
    void aTestSendAnswersWithTheAttemptTheDeliveryFunctionMade() throws Exception {
        Subscription endpoint = subscribe("deposit.confirmed");
        var passed = client.admin("POST", "/api/v1/webhooks/" + endpoint.id() + "/test", null);
        assertEquals(200, passed.status(), passed.body().toString());
        assertEquals(true, passed.body().path("success").asBoolean());
        assertEquals("SUCCESS", passed.body().path("status").asText());
        assertEquals(200, passed.body().path("attempt").path("responseStatus").asInt());
        assertEquals("test", passed.body().path("attempt").path("trigger").asText());
        var received = receiver.receivedOn(endpoint.path());
        assertEquals(1, received.size());
        assertTrue(received.getFirst().bodyText().contains("This is a test webhook delivery"), received.getFirst().bodyText());

        receiver.thenReply(endpoint.path(), TestReceiver.Reply.status(500));
        var failed = client.admin("POST", "/api/v1/webhooks/" + endpoint.id() + "/test", Map.of("event", "level_up"));
        assertEquals(200, failed.status(), failed.body().toString());
        assertEquals(false, failed.body().path("success").asBoolean());
        assertEquals("FAILED", failed.body().path("status").asText());
        assertEquals(500, failed.body().path("attempt").path("responseStatus").asInt());
        assertEquals(0L, count("select consecutive_failures from endpoint where id = ?", endpoint.id()));
    }

    WsTestClient realtimeClient(int instance, String userId, List<String> rooms, String subscribe) throws Exception {
        var issued = client.admin("POST", "/api/v1/realtime/tokens", Map.of("userId", userId, "rooms", rooms));
        assertEquals(201, issued.status(), issued.body().toString());
        WsTestClient ws = WsTestClient.connect(system.realtime(instance, "/ws"));
        ws.next("auth_required", Duration.ofSeconds(5));
        ws.send("{\"type\":\"auth\",\"token\":\"" + issued.body().path("token").asText() + "\"}");
        ws.next("auth_success", Duration.ofSeconds(5));
        ws.send(subscribe);
        ws.next("subscribed", Duration.ofSeconds(5));
        return ws;
    }

    /**
     * Two realtime instances: a balance update committed by the ingest function, an admin's announcement and a chat
     * message sent to one instance reach the clients connected to the other.
     */
    @Test
    void eventsReachClientsOnBothRealtimeInstances() throws Exception {
        String user = "5" + (System.nanoTime() % 100_000);
        try (WsTestClient first = realtimeClient(0, user, List.of("traders"),
                "{\"type\":\"subscribe\",\"events\":[\"balance_update\",\"system_announcement\",\"new_message\"],\"filters\":{\"room\":\"traders\"}}");
             WsTestClient second = realtimeClient(1, user, List.of("traders"),
                "{\"type\":\"subscribe\",\"events\":[\"balance_update\",\"system_announcement\"],\"filters\":{\"room\":\"traders\"}}");
             WsTestClient peer = realtimeClient(1, "6" + user, List.of("traders"),
                "{\"type\":\"subscribe\",\"events\":[\"new_message\"],\"filters\":{\"room\":\"traders\"}}")) {
            var reply = client.deposit("cc_rt_" + UUID.randomUUID(), user, "ETH", "0.001");
            assertEquals(200, reply.status(), reply.body().toString());
            String onFirst = first.next("balance_update", Duration.ofSeconds(10)).path("id").asText();
            assertEquals(onFirst, second.next("balance_update", Duration.ofSeconds(10)).path("id").asText(), "the same event on both");

            var announced = client.admin("POST", "/api/v1/realtime/broadcast", Map.of("type", "system_announcement",
                    "data", Map.of("message", "Maintenance in 1 hour")));
            assertEquals(202, announced.status(), announced.body().toString());
            assertEquals("Maintenance in 1 hour", first.next("system_announcement", Duration.ofSeconds(10)).path("data").path("message").asText());
            assertEquals("Maintenance in 1 hour", second.next("system_announcement", Duration.ofSeconds(10)).path("data").path("message").asText());

            first.send("{\"type\":\"new_message\",\"room\":\"traders\",\"data\":{\"message\":{\"text\":\"gm\"}}}");
            JsonNode chat = peer.next("new_message", Duration.ofSeconds(10));
            assertEquals("gm", chat.path("data").path("message").path("text").asText());
            assertEquals(user, chat.path("data").path("userId").asText());
        }
    }

    @Test
    void badSignatureStaleTimestampAndMalformedJsonAreRefusedAndWriteNothing() throws Exception {
        String order = "cc_bad_" + UUID.randomUUID();
        String body = HookgateClient.depositBody(order, "13", "ETH", "1");
        long now = System.currentTimeMillis() / 1000;

        var badSignature = client.postDeposit(body, HookgateClient.ccSignature(body, "wrong-secret"), now);
        assertEquals(401, badSignature.status());
        assertEquals("WEBHOOK_001", badSignature.body().path("error").asText());
        assertTrue(badSignature.body().path("requestId").asText().startsWith("req_"));

        var stale = client.postDeposit(body, HookgateClient.ccSignature(body, LocalSystem.CCPAYMENT_SECRET), now - 600);
        assertEquals(401, stale.status());
        assertEquals("WEBHOOK_002", stale.body().path("error").asText());

        String malformed = "{\"event\":\"deposit_confirmed\",\"order_id\":\"" + order + "\"";
        var unreadable = client.postDeposit(malformed, HookgateClient.ccSignature(malformed, LocalSystem.CCPAYMENT_SECRET), now);
        assertEquals(400, unreadable.status());
        assertEquals("WEBHOOK_007", unreadable.body().path("error").asText());

        assertEquals(0, count("select count(*) from inbound_receipt where external_id = ?", order));
        assertEquals(0, count("select count(*) from event where payload->>'orderId' = ?", order));
    }

    @Test
    void anAdminEmailSendIsRenderedAndAcceptedByTheSmtpServer() throws Exception {
        var channel = client.admin("POST", "/api/v1/webhooks", Map.of("channel", "email", "url", "mailto:ops@example.com", "events", List.of()));
        assertEquals(201, channel.status(), channel.body().toString());
        String to = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        var sent = client.admin("POST", "/api/webhook/email/send", Map.of("template", "level_up", "to", to,
                "data", Map.of("username", "cryptoking", "newLevel", 16, "xp", 9000)));
        assertEquals(202, sent.status(), sent.body().toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> system.stack().mail().receivedBy(to).size() == 1);
        var mail = system.stack().mail().receivedBy(to).getFirst();
        assertEquals("You reached level 16!", mail.subject());
        assertTrue(mail.body().contains("cryptoking"), mail.body());
        // The attempt is recorded right after the SMTP server accepts the message.
        await().atMost(Duration.ofSeconds(10)).until(() -> "SUCCESS".equals(system.stack().database().value(
                "select status from delivery where id = ?", sent.body().path("data").path("messageId").asText())));
    }
}
