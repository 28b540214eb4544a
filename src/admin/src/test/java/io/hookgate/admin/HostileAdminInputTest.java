package io.hookgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hostile battery for the admin API (issue 14): every route that takes a body, a path or a query parameter, fed
 * what the open internet sends. Each case asserts the exact status, the problem+json shape with its code and request
 * id, and that nothing was written; a control per writing route shows the same fingerprint does change on success.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class HostileAdminInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Fixture fixture;

    /** One route: method, path (with {tenant}, {endpoint}, {source}, {sourceName} placeholders), a valid body, who calls. */
    record Route(String method, String path, String body, boolean bodyOptional, boolean tenantKey) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One hostile request and what it must get. */
    record Case(String name, Route route, String path, String body, int status, String code) {
        @Override
        public String toString() {
            return route + " " + name;
        }
    }

    record Fixture(String tenant, String tenantKey, String endpoint, String source, String sourceName) {
        String resolve(String path) {
            return path.replace("{tenant}", tenant).replace("{endpoint}", endpoint).replace("{sourceName}", sourceName)
                    .replace("{source}", source);
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/api/v1/tenants", "{\"name\":\"Hostile org\"}", false, false),
            new Route("PATCH", "/api/v1/tenants/{tenant}", "{\"name\":\"Renamed org\"}", false, false),
            new Route("POST", "/api/v1/api-keys", "{\"name\":\"k\",\"role\":\"tenant\",\"orgId\":\"{tenant}\"}", false, false),
            new Route("POST", "/api/v1/webhooks", "{\"url\":\"https://example.com/hook\",\"events\":[\"order.created\"],\"name\":\"h\"}", false, true),
            new Route("PUT", "/api/v1/webhooks/{endpoint}", "{\"url\":\"https://example.com/hook\",\"events\":[\"order.created\"],\"name\":\"h\"}", false, true),
            new Route("PATCH", "/api/v1/webhooks/{endpoint}", "{\"name\":\"renamed\"}", false, true),
            new Route("POST", "/api/v1/webhooks/{endpoint}/test", "{\"event\":\"order.created\"}", true, true),
            new Route("POST", "/api/v1/events", "{\"type\":\"order.created\",\"data\":{\"orderId\":\"ord_1\",\"customerId\":\"cus_1\",\"total\":\"1.00\",\"currency\":\"USD\",\"status\":\"pending\"}}", false, true),
            new Route("POST", "/api/v1/sources", "{\"name\":\"hostile-src\",\"scheme\":\"github\",\"description\":\"d\"}", false, false),
            new Route("PATCH", "/api/v1/sources/{source}", "{\"description\":\"changed\"}", false, false),
            new Route("PUT", "/api/v1/sources/{sourceName}/policy", "{\"rateLimit\":100,\"rateWindowSeconds\":60}", false, false),
            new Route("POST", "/api/v1/realtime/tokens", "{\"userId\":\"u1\",\"rooms\":[\"lobby\"]}", false, true),
            new Route("POST", "/api/v1/realtime/broadcast", "{\"type\":\"system_announcement\",\"data\":{\"message\":\"hi\"},\"room\":\"lobby\"}", false, false),
            new Route("POST", "/api/webhook/discord/send", "{\"type\":\"order.created\",\"data\":{},\"channels\":[\"ops\"]}", false, false),
            new Route("POST", "/api/webhook/email/send", "{\"template\":\"welcome\",\"to\":\"a@example.com\",\"data\":{}}", false, false),
            new Route("POST", "/api/webhook/telegram/send", "{\"message\":\"hi\",\"chatId\":\"1\"}", false, false),
            new Route("POST", "/api/admin/webhooks", "{\"url\":\"https://example.com/hook\",\"events\":[\"order.created\"],\"name\":\"h\"}", false, true),
            new Route("POST", "/api/webhooks", "{\"url\":\"https://example.com/hook\",\"events\":[\"order.created\"],\"description\":\"d\"}", false, true),
            new Route("PATCH", "/api/webhooks/{endpoint}", "{\"description\":\"renamed\"}", false, true),
            new Route("POST", "/api/webhooks/endpoints", "{\"url\":\"https://example.com/hook\",\"event_types\":[\"order.created\"],\"name\":\"h\"}", false, true),
            new Route("PUT", "/api/webhooks/endpoints/{endpoint}", "{\"name\":\"renamed\"}", false, true));

    /** Routes whose body is a merge patch over the stored settings: type errors are found after the merge (422). */
    static final java.util.Set<String> MERGE_PATCHES = java.util.Set.of("PATCH /api/v1/webhooks/{endpoint}", "PATCH /api/webhooks/{endpoint}",
            "PUT /api/webhooks/endpoints/{endpoint}");

    /** GET routes with path or query parameters. */
    static final List<String> READS = List.of("/api/v1/tenants/{id}", "/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/deliveries",
            "/api/v1/webhooks/{id}/stats", "/api/v1/webhooks/{id}/analytics", "/api/v1/webhooks/{id}/dead-letters",
            "/api/v1/events/{id}", "/api/v1/api-keys/{id}", "/api/v1/sources/{id}", "/api/v1/sources/{id}/policy");
    static final List<String> LISTS = List.of("/api/v1/tenants", "/api/v1/webhooks", "/api/v1/events", "/api/v1/api-keys",
            "/api/v1/sources", "/api/v1/security/events", "/api/v1/stats/events", "/api/v1/deliveries", "/api/v1/stats/endpoints",
            "/api/v1/inbound/blocked-addresses");
    static final List<String> QUERY_PARAMETERS = List.of("starting_after", "event", "url", "orgId", "type", "since", "until");

    static Stream<Case> cases() throws Exception {
        List<Case> cases = new ArrayList<>();
        for (Route route : ROUTES) {
            String body = route.body();
            ObjectNode base = (ObjectNode) JSON.readTree(body.replace("{tenant}", "org_x"));
            String firstString = firstStringField(base);
            String firstField = base.fieldNames().next();
            boolean patchTree = MERGE_PATCHES.contains(route.method() + " " + route.path());
            cases.add(of("NUL in a field name", route, body.replaceFirst("\\{", "{\"k\\\\u0000\":1,"), 400, "invalid_json"));
            cases.add(of("trailing garbage", route, body + " x", 400, "invalid_json"));
            cases.add(of("a raw NUL byte", route, body.replaceFirst("\\{", "{\"raw\":\"a\u0000b\","), 400, "invalid_json"));
            cases.add(of("two concatenated objects", route, body + body, 400, "invalid_json"));
            cases.add(of("a duplicate field", route, body.replaceFirst("\\{", "{\"" + firstField + "\":\"dup\","), 400, "invalid_json"));
            cases.add(of("nested 1000 deep", route, body.replaceFirst("\\{", "{\"deep\":" + "[".repeat(1000) + "]".repeat(1000) + ","), 400, "invalid_json"));
            cases.add(of("nested 41 deep", route, body.replaceFirst("\\{", "{\"deep\":" + "[".repeat(41) + "]".repeat(41) + ","), 400, "invalid_json"));
            cases.add(of("an exponent of 1e999999999", route, body.replaceFirst("\\{", "{\"n\":1e999999999,"), 400, "invalid_json"));
            cases.add(of("an exponent of 1e-20000", route, body.replaceFirst("\\{", "{\"n\":1e-20000,"), 400, "invalid_json"));
            cases.add(of("a 101-digit number", route, body.replaceFirst("\\{", "{\"n\":" + "9".repeat(101) + ","), 400, "invalid_json"));
            cases.add(of("an array body", route, "[" + body + "]", 400, "invalid_json"));
            cases.add(of("a string body", route, "\"" + firstField + "\"", 400, "invalid_json"));
            cases.add(of("not JSON", route, "{" + firstField + ":", 400, "invalid_json"));
            cases.add(of("bytes that are not UTF-8", route, "\u00ff\u00fe", 400, "invalid_json"));
            if (firstString != null) {
                cases.add(of("NUL in a value", route, replaceFirstString(base, firstString, "a\\u0000b"), 400, "invalid_json"));
                // PATCH merges into the stored settings before reading them as a whole: its type errors are 422
                int status = patchTree ? 422 : 400;
                String code = patchTree ? "validation_failed" : "invalid_json";
                for (String wrong : List.of("{}", "[]", "true", "123.0", "123")) {
                    cases.add(of("a " + wrong + " for a string", route, replaceFirstString(base, firstString, wrong), status, code));
                }
            }
            cases.add(of("an unknown field", route, body.replaceFirst("\\{", "{\"colour\":\"red\","), 422, "unknown_field"));
            cases.add(of("a body of 2 MiB", route, body.replaceFirst("\\{", "{\"pad\":\"" + "p".repeat(2 << 20) + "\","), 413, "payload_too_large"));
            if (!route.bodyOptional()) {
                cases.add(of("the literal null", route, "null", patchTree ? 400 : 422, patchTree ? "invalid_json" : "validation_failed"));
            }
        }
        for (String read : READS) {
            Route route = new Route("GET", read, null, true, false);
            cases.add(new Case("NUL in the path", route, read.replace("{id}", "%00"), null, 400, "invalid_request"));
            cases.add(new Case("a control character in the path", route, read.replace("{id}", "a%0Db"), null, 400, "invalid_request"));
        }
        for (String list : LISTS) {
            Route route = new Route("GET", list, null, true, false);
            for (String parameter : QUERY_PARAMETERS) {
                cases.add(new Case("NUL in ?" + parameter, route, list + "?" + parameter + "=a%00b", null, 400, "invalid_request"));
            }
        }
        for (Route route : ROUTES) {
            if (route.path().contains("{")) {
                String path = route.path().replaceFirst("\\{[a-zA-Z]+}", "%00");
                cases.add(new Case("NUL in the path", route, path, route.body(), 400, "invalid_request"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInTheDocumentedShapeAndWritesNothing(Case hostile) throws Exception {
        Fixture f = fixture();
        String before = fingerprint(f);
        Response answer = send(f, hostile.route(), hostile.path() == null ? f.resolve(hostile.route().path()) : f.resolve(hostile.path()),
                hostile.body() == null ? null : f.resolve(hostile.body()));
        String context = hostile + " -> " + answer.statusCode() + " " + answer.asString();
        assertEquals(hostile.status(), answer.statusCode(), context);
        assertTrue(answer.contentType().startsWith("application/problem+json"), context);
        JsonNode problem = JSON.readTree(answer.asByteArray());
        assertEquals(hostile.code(), problem.path("code").asText(), context);
        assertTrue(problem.path("requestId").asText().startsWith("req_"), context);
        assertEquals(hostile.status(), problem.path("status").asInt(), context);
        assertTrue(!answer.asString().contains("at io.") && !answer.asString().contains("Exception"), "no stack trace: " + context);
        if (hostile.code().equals("unknown_field")) {
            assertEquals("colour", problem.path("errors").path(0).path("field").asText(), context);
        }
        assertEquals(before, fingerprint(f), "nothing written: " + context);
    }

    /** The control: the same fingerprint moves when a valid body of a writing route is accepted. */
    @Test
    void theFingerprintSeesAnAcceptedWrite() throws Exception {
        Fixture f = fixture();
        for (Route route : List.of(ROUTES.get(0), ROUTES.get(3), ROUTES.get(5), ROUTES.get(7))) {
            String before = fingerprint(f);
            Response answer = send(f, route, f.resolve(route.path()), f.resolve(route.body()));
            assertTrue(answer.statusCode() / 100 == 2, route + " -> " + answer.statusCode() + " " + answer.asString());
            assertNotEquals(before, fingerprint(f), route + " wrote");
        }
    }

    /** Reserved types come from Hookgate only: a tenant key asking for one is refused, naming the field. */
    @Test
    void aTenantCannotEmitOrTestSendAReservedType() throws Exception {
        Fixture f = fixture();
        String before = fingerprint(f);
        for (String type : List.of("deposit.confirmed", "deposit_confirmed", "withdrawal.completed", "wallet.balance_updated",
                "price.updated", "endpoint.disabled", "endpoint.circuit_opened", "endpoint.circuit_closed", "delivery.exhausted", "endpoint.enabled", "endpoint.degraded", "endpoint.recovered", "security.ip_blocked", "security.signature_failures", "security.source_blocked", "source.stripe.charge.succeeded",
                "analytics.event_received")) {
            for (String key : List.of(f.tenantKey(), ADMIN_KEY)) {
                String body = "{\"type\":\"" + type + "\",\"data\":{\"verifiedBy\":\"stripe\"}" + (key.equals(ADMIN_KEY) ? ",\"orgId\":\"" + f.tenant() + "\"" : "") + "}";
                Response emit = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key).body(body).post("/api/v1/events");
                assertEquals(403, emit.statusCode(), type + ": " + emit.asString());
                assertEquals("reserved_event_type", emit.jsonPath().getString("code"));
                assertEquals("type", emit.jsonPath().getString("errors[0].field"));
            }
            Response test = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + f.tenantKey())
                    .body("{\"event\":\"" + type + "\"}").post("/api/v1/webhooks/" + f.endpoint() + "/test");
            assertEquals(403, test.statusCode(), type + ": " + test.asString());
            assertEquals("event", test.jsonPath().getString("errors[0].field"));
        }
        assertEquals(before, fingerprint(f));
    }

    private static Response send(Fixture f, Route route, String path, String body) {
        var request = given().urlEncodingEnabled(false).header("Authorization", "Bearer " + (route.tenantKey() ? f.tenantKey() : ADMIN_KEY));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body.getBytes(body.contains("\u00ff") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8));
        }
        return request.request(route.method(), path);
    }

    private static Case of(String name, Route route, String body, int status, String code) {
        return new Case(name, route, null, body, status, code);
    }

    private static String firstStringField(ObjectNode body) {
        return body.properties().stream().filter(field -> field.getValue().isTextual()).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    /** The body with the first string field's value replaced by raw JSON text. */
    private static String replaceFirstString(ObjectNode base, String field, String rawJson) throws Exception {
        ObjectNode copy = base.deepCopy();
        copy.put(field, "@@");
        String text = JSON.writeValueAsString(copy);
        String value = rawJson.startsWith("a\\u") ? "\"" + rawJson + "\"" : rawJson;
        return text.replace("\"@@\"", value).replace("org_x", "{tenant}");
    }

    private static synchronized Fixture fixture() throws Exception {
        if (fixture == null) {
            String tenant = AdminDb.tenant();
            String key = AdminDb.tenantKey(tenant);
            String endpoint = EndpointResourceTest.create(key, Map.of("url", "https://example.com/fixture", "events", List.of("order.created")));
            String sourceName = "hostile-" + Long.toString(System.nanoTime(), 36);
            String source = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ADMIN_KEY)
                    .body(Map.of("name", sourceName, "scheme", "github")).post("/api/v1/sources").then().statusCode(201).extract().path("id");
            fixture = new Fixture(tenant, key, endpoint, source, sourceName);
        }
        assertNotNull(fixture.endpoint());
        return fixture;
    }

    /** Row counts of everything a route can write, and the fixture rows themselves (an update changes them). */
    private static String fingerprint(Fixture f) throws Exception {
        return AdminDb.rows("""
                select (select count(*) from tenant) || '/' || (select count(*) from api_key) || '/' || (select count(*) from endpoint)
                    || '/' || (select count(*) from event) || '/' || (select count(*) from outbox) || '/' || (select count(*) from delivery)
                    || '/' || (select count(*) from inbound_source) || '/' || (select count(*) from source_policy)
                    || '/' || (select count(*) from idempotency_key)
                    || '/' || (select md5(t::text) from tenant t where id = ?) || '/' || (select md5(e::text) from endpoint e where id = ?)
                    || '/' || (select md5(s::text) from inbound_source s where id = ?) as print
                """, f.tenant(), f.endpoint(), f.source()).get(0).get("print").toString();
    }
}
