package io.hookgate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.signing.Hmac;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile battery for the inbound routes (issue 14): correctly signed, authenticated requests whose bodies, headers
 * and paths are what a careless or malicious sender produces. Each gets seed 000's envelope with the exact error code
 * and a request id, and writes nothing; a control per route shows the same fingerprint moves on an accepted call.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class HostileIngestInputTest {

    static final TestDatabase DB = TestDatabase.shared();
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CC_SECRET = "test-ccpayment-secret";

    /** A route and how to send a body to it signed. */
    enum Route {
        DEPOSIT("/api/webhook/ccpayment/deposit"), WITHDRAWAL("/api/webhook/ccpayment/withdrawal"),
        PRICE("/api/webhook/price-update"), ANALYTICS("/api/webhook/analytics/event");

        final String path;

        Route(String path) {
            this.path = path;
        }
    }

    record Case(Route route, String name, String body, Map<String, String> headers, String path, int status, String error) {
        @Override
        public String toString() {
            return route + " " + name;
        }
    }

    @BeforeAll
    static void prices() throws Exception {
        DB.update("insert into price (coin, quote, price, source, observed_at) values ('ETH', 'DGT', 35000, 'test', now())");
    }

    static String deposit(String order, String user, String amount) {
        return """
                {"event":"deposit_confirmed","order_id":"%s","transaction_hash":"0x1234567890abcdef","coin":"ETH",
                 "amount":"%s","usd_value":87.50,"confirmations":12,"required_confirmations":12,"network":"ethereum",
                 "to_address":"0x742d35Cc6634C0532925a3b8D321140A5b8fE899","from_address":"0x123456789abcdef",
                 "block_height":18500000,"timestamp":"2025-01-01T12:00:00Z",
                 "metadata":{"user_id":%s,"internal_order_id":"dgt_deposit_def456"}}""".formatted(order, amount, user);
    }

    static String withdrawal(String id, String user, String amount, String fee) {
        return """
                {"event":"withdrawal_requested","withdrawal_id":"%s","coin":"BTC","amount":"%s","fee":"%s","status":"requested",
                 "to_address":"bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh","metadata":{"user_id":%s}}""".formatted(id, amount, fee, user);
    }

    static String price(String quote, String timestamp) {
        return """
                {"source":"coingecko","timestamp":"%s","prices":{"ZZ%s":{"usd":%s}}}""".formatted(timestamp, unique().substring(0, 6).toUpperCase(), quote);
    }

    static String analytics(String userId, String timestamp) {
        return """
                {"event":"page_view","userId":%s,"properties":{"page":"/p","timestamp":"%s"},"context":{"country":"US"}}"""
                .formatted(userId, timestamp);
    }

    static String unique() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** What every JSON route refuses, applied to a valid body of that route. */
    static List<Case> structural(Route route, String body) {
        List<Case> cases = new ArrayList<>();
        UnaryOperator<String> prefix = extra -> "{" + extra + "," + body.substring(body.indexOf('{') + 1);
        cases.add(invalid(route, "the literal null", "null"));
        cases.add(invalid(route, "an empty body", ""));
        cases.add(invalid(route, "an array", "[" + body + "]"));
        cases.add(invalid(route, "a string", "\"deposit\""));
        cases.add(invalid(route, "a number", "12"));
        cases.add(invalid(route, "trailing garbage", body + " x"));
        cases.add(invalid(route, "two concatenated objects", body + body));
        cases.add(invalid(route, "a duplicate field", prefix.apply("\"dup\":1,\"dup\":2")));
        cases.add(invalid(route, "NUL in a field name", prefix.apply("\"k\\u0000\":1")));
        cases.add(invalid(route, "NUL in a value", prefix.apply("\"k\":\"a\\u0000b\"")));
        cases.add(invalid(route, "a raw NUL byte", prefix.apply("\"k\":\"a\u0000b\"")));
        cases.add(invalid(route, "nested 1000 deep", prefix.apply("\"deep\":" + "[".repeat(1000) + "]".repeat(1000))));
        cases.add(invalid(route, "nested 999 objects deep", prefix.apply("\"deep\":" + "{\"a\":".repeat(999) + "1" + "}".repeat(999))));
        cases.add(invalid(route, "an exponent of 1e999999999", prefix.apply("\"n\":1e999999999")));
        cases.add(invalid(route, "an exponent of 1e-20000", prefix.apply("\"n\":1e-20000")));
        cases.add(invalid(route, "a 101-digit number", prefix.apply("\"n\":" + "9".repeat(101))));
        cases.add(invalid(route, "not JSON", "{event:"));
        cases.add(invalid(route, "a body of 2 MiB", prefix.apply("\"pad\":\"" + "p".repeat(2 << 20) + "\"")));
        return cases;
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Route d = Route.DEPOSIT;
        cases.addAll(structural(d, deposit("o", "\"1\"", "1.0")));
        for (String amount : List.of("1e2", "1E-2", "\u0661\u0662\u0663", "-1", "0", "0.0", " 1", "1 ", "+1", "1.0000000000000000001",
                "123456789012345678901", "0x10", "NaN", "Infinity", "1,5", ".5", "5.", "")) {
            cases.add(invalid(d, "amount \"" + amount + "\"", deposit(unique(), "\"1\"", amount)));
        }
        cases.add(invalid(d, "amount × rate beyond numeric(38,18)", deposit(unique(), "\"1\"", "99999999999999999999")));
        for (String user : List.of("{}", "[]", "true", "false", "123.0", "1e2", "-5", "\"\"", "\"   \"", "null", "12345678901234567890",
                "\"" + "u".repeat(5000) + "\"", "\"a\\u0001b\"")) {
            cases.add(invalid(d, "metadata.user_id " + abbreviate(user), deposit(unique(), user, "1.0")));
        }
        cases.add(invalid(d, "order_id of 5,000 characters", deposit("o".repeat(5000), "\"1\"", "1.0")));
        cases.add(invalid(d, "an empty order_id", deposit("", "\"1\"", "1.0")));
        cases.add(invalid(d, "order_id with a control character", deposit("a\\u0007b", "\"1\"", "1.0")));
        cases.add(invalid(d, "order_id as an object", deposit(unique(), "\"1\"", "1.0").replaceFirst("\"order_id\":\"[0-9a-f]+\"", "\"order_id\":{}")));
        cases.add(invalid(d, "order_id as a boolean", deposit(unique(), "\"1\"", "1.0").replaceFirst("\"order_id\":\"[0-9a-f]+\"", "\"order_id\":true")));
        cases.add(invalid(d, "transaction_hash of 5,000 characters", deposit(unique(), "\"1\"", "1.0").replace("0x1234567890abcdef", "f".repeat(5000))));
        cases.add(invalid(d, "a one-letter coin", deposit(unique(), "\"1\"", "1.0").replace("\"ETH\"", "\"E\"")));
        cases.add(invalid(d, "confirmations as a decimal", deposit(unique(), "\"1\"", "1.0").replace("\"confirmations\":12", "\"confirmations\":12.5")));
        cases.add(new Case(d, "an unknown event", deposit(unique(), "\"1\"", "1.0").replace("deposit_confirmed", "deposit_exploded"), Map.of(), null, 400, "WEBHOOK_003"));
        long now = Instant.now().getEpochSecond();
        for (String timestamp : List.of(Long.toString(now + Long.MIN_VALUE), Long.toString(Long.MIN_VALUE), Long.toString(Long.MAX_VALUE),
                "9".repeat(30), "abc", "-1", Long.toString(now + 3600), "1.5e9")) {
            cases.add(new Case(d, "X-CC-Timestamp " + timestamp, deposit(unique(), "\"1\"", "1.0"), Map.of("X-CC-Timestamp", timestamp), null, 401, "WEBHOOK_002"));
        }

        Route w = Route.WITHDRAWAL;
        cases.addAll(structural(w, withdrawal("w", "\"1\"", "1.0", "0.1")));
        cases.add(invalid(w, "withdrawal_id of 5,000 characters", withdrawal("w".repeat(5000), "\"1\"", "1.0", "0.1")));
        cases.add(invalid(w, "metadata.user_id as an object", withdrawal(unique(), "{}", "1.0", "0.1")));
        cases.add(invalid(w, "metadata.user_id 123.0", withdrawal(unique(), "123.0", "1.0", "0.1")));
        cases.add(invalid(w, "amount in exponent form", withdrawal(unique(), "\"1\"", "1e2", "0.1")));
        cases.add(invalid(w, "a negative fee", withdrawal(unique(), "\"1\"", "1.0", "-0.1")));
        cases.add(invalid(w, "a reason of 5,000 characters", withdrawal(unique(), "\"1\"", "1.0", "0.1").replace("{\"event\"", "{\"reason\":\"" + "r".repeat(5000) + "\",\"event\"")));

        Route p = Route.PRICE;
        cases.addAll(structural(p, price("1.5", now())));
        for (String quote : List.of("1e30", "1e-30", "0", "-1", "0.0000000000000000001", "\"3500\"", "true", "{}")) {
            cases.add(invalid(p, "a quote of " + quote, price(quote, now())));
        }
        for (String at : List.of(Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS).toString(), "+10000-01-01T00:00:00Z",
                "-999999999-01-01T00:00:00Z", "2025-13-01T00:00:00Z")) {
            cases.add(new Case(p, "timestamp " + at, price("1.5", at), Map.of(), null, 401, "WEBHOOK_002"));
        }

        Route a = Route.ANALYTICS;
        cases.addAll(structural(a, analytics("\"u1\"", now())));
        for (String at : List.of("+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z", Instant.now().plusSeconds(3 * 86400).toString(), "not a time")) {
            cases.add(invalid(a, "properties.timestamp " + at, analytics("\"u1\"", at)));
        }
        for (String user : List.of("{}", "[]", "true", "123.0", "\"" + "u".repeat(65) + "\"")) {
            cases.add(invalid(a, "userId " + abbreviate(user), analytics(user, now())));
        }

        for (String path : List.of("/api/webhook/sources/%00", "/api/webhook/sources/a%00b", "/api/webhook/ccpayment/deposit?x=%00",
                "/api/webhook/price-update?starting_after=%00", "/api/webhook/sources/a%0Db")) {
            cases.add(new Case(d, "path " + path, deposit(unique(), "\"1\"", "1.0"), Map.of(), path, 400, "WEBHOOK_007"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInSeedZerosEnvelopeAndWritesNothing(Case hostile) throws Exception {
        String before = fingerprint();
        Response answer = send(hostile.route(), hostile.body(), hostile.headers(), hostile.path());
        String context = hostile + " -> " + answer.statusCode() + " " + abbreviate(answer.asString());
        assertEquals(hostile.status(), answer.statusCode(), context);
        JsonNode envelope = JSON.readTree(answer.asByteArray());
        assertFalse(envelope.path("success").asBoolean(true), context);
        assertEquals(hostile.error(), envelope.path("error").asText(), context);
        assertTrue(envelope.path("message").asText().length() > 5, context);
        assertTrue(envelope.path("requestId").asText().startsWith("req_"), context);
        assertTrue(envelope.path("retryAfter").isMissingNode() || envelope.path("retryAfter").isNull(), "no retryAfter for a request that can never succeed: " + context);
        assertFalse(answer.asString().contains("Exception"), context);
        assertEquals(before, fingerprint(), "nothing written: " + context);
    }

    /** The control: valid calls of the same routes, sent the same way, move the same fingerprint. */
    @Test
    void theFingerprintSeesAcceptedCalls() throws Exception {
        for (Case valid : List.of(
                new Case(Route.DEPOSIT, "valid", deposit(unique(), "\"77\"", "0.5"), Map.of(), null, 200, null),
                new Case(Route.DEPOSIT, "a numeric user id", deposit(unique(), "78", "0.5"), Map.of(), null, 200, null),
                new Case(Route.WITHDRAWAL, "valid", withdrawal(unique(), "\"77\"", "0.001", "0.0001"), Map.of(), null, 200, null),
                new Case(Route.PRICE, "valid", price("1e-3", now()), Map.of(), null, 200, null),
                new Case(Route.ANALYTICS, "valid", analytics("123", now()), Map.of(), null, 200, null))) {
            String before = fingerprint();
            Response answer = send(valid.route(), valid.body(), valid.headers(), null);
            assertEquals(200, answer.statusCode(), valid + ": " + answer.asString());
            assertNotEquals(before, fingerprint(), valid + " wrote");
        }
    }

    static Response send(Route route, String body, Map<String, String> headers, String path) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var request = given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(bytes);
        switch (route) {
            case DEPOSIT, WITHDRAWAL -> request.header("X-CC-Timestamp", headers.getOrDefault("X-CC-Timestamp", Long.toString(Instant.now().getEpochSecond())))
                    .header("X-CC-Signature", "sha256=" + hmac(CC_SECRET, bytes));
            case PRICE -> request.header("X-API-Key", "test-price-key").header("X-Signature", hmac("test-price-secret", bytes));
            case ANALYTICS -> request.header("X-API-Key", "test-analytics-key");
        }
        headers.forEach((name, value) -> {
            if (!name.equals("X-CC-Timestamp")) {
                request.header(name, value);
            }
        });
        return request.post(path == null ? route.path : path);
    }

    static String hmac(String secret, byte[] body) {
        return HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    static Case invalid(Route route, String name, String body) {
        return new Case(route, name, body, Map.of(), null, 400, "WEBHOOK_007");
    }

    static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
    }

    /** Counts of every table an inbound route writes (the audit log aside: refusals are meant to be audited). */
    static String fingerprint() throws Exception {
        return DB.rows("""
                select (select count(*) from inbound_receipt) || '/' || (select count(*) from account) || '/' || (select count(*) from ledger_entry)
                    || '/' || (select count(*) from event) || '/' || (select count(*) from outbox) || '/' || (select count(*) from price)
                    || '/' || (select count(*) from analytics_event) || '/' || (select count(*) from withdrawal)
                    || '/' || (select coalesce(sum(balance), 0) from account) as print
                """).get(0).get("print").toString();
    }
}
