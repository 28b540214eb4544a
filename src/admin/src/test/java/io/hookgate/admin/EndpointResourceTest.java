package io.hookgate.admin;

import io.hookgate.core.Ids;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class EndpointResourceTest {

    static final String ADMIN_KEY = "hg_admin_test_key";

    static RequestSpecification as(String key) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    static String create(String key, Map<String, Object> body) {
        return as(key).body(body).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    @Test
    void everyRouteNeedsAKnownBearerKey() {
        given().get("/api/v1/webhooks").then().statusCode(401)
                .contentType("application/problem+json")
                .body("code", equalTo("unauthorized"))
                .body("requestId", startsWith("req_"));
        as("hg_admin_wrong").get("/api/v1/webhooks").then().statusCode(401).body("code", equalTo("unauthorized"));
    }

    @Test
    void theBootstrapAdminKeyIsStoredHashed() throws Exception {
        var keys = AdminDb.rows("select key_hash, prefix from api_key where id = 'key_bootstrap_admin'");
        assertEquals(1, keys.size());
        assertFalse(keys.getFirst().get("key_hash").toString().contains(ADMIN_KEY));
        assertEquals(64, keys.getFirst().get("key_hash").toString().length());
    }

    @Test
    void creatingAnEndpointReturnsItsSecretOnceAndStoresItEncrypted() throws Exception {
        String org = AdminDb.tenant();
        var created = as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/hook", "events", List.of("deposit.confirmed", "user.*"),
                        "description", "My webhook", "orgId", org))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("id", startsWith("ep_"))
                .body("orgId", equalTo(org))
                .body("secret", startsWith("whsec_"))
                .body("events", containsInAnyOrder("deposit.confirmed", "user.*"))
                .body("active", equalTo(true))
                .body("timeoutMs", equalTo(10000))
                .body("rateLimitPerMinute", equalTo(100))
                .body("rateLimitBurst", equalTo(250))
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");

        as(ADMIN_KEY).get("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("secret", nullValue()).body("description", equalTo("My webhook"));
        String stored = (String) AdminDb.rows("select secret_ciphertext from endpoint where id = ?", id).getFirst().get("secret_ciphertext");
        assertTrue(stored.startsWith("v1:"));
        assertFalse(stored.contains(secret.substring(6)), "the secret is not stored in the clear");
        assertEquals("object", AdminDb.rows("select jsonb_typeof(headers) as t from endpoint where id = ?", id).getFirst().get("t"));
    }

    @Test
    void anEndpointCanCarryItsOwnRetryPolicy() throws Exception {
        String org = AdminDb.tenant();
        Map<String, Object> policy = Map.of("maxAttempts", 3, "backoff", "exponential", "baseDelayMs", 1000, "multiplier", 2.0, "maxDelayMs", 30000);
        String id = as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/r", "events", List.of("*"), "orgId", org, "retryPolicy", policy))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("retryPolicy.maxAttempts", equalTo(3)).body("retryPolicy.backoff", equalTo("exponential"))
                .extract().path("id");
        assertEquals("exponential", AdminDb.rows("select retry_policy->>'backoff' as b from endpoint where id = ?", id).getFirst().get("b"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/r", "events", List.of("*"), "orgId", org,
                        "retryPolicy", Map.of("maxAttempts", 50, "backoff", "exponential", "baseDelayMs", 1000)))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("retryPolicy.maxAttempts"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/r", "events", List.of("*"), "orgId", org,
                        "retryPolicy", Map.of("maxAttempts", 3, "backoff", "sometimes", "baseDelayMs", 1000)))
                .post("/api/v1/webhooks").then().statusCode(400).body("code", equalTo("invalid_json"));
    }

    @Test
    void anEndpointCanCarryAnExplicitRetrySchedule() throws Exception {
        String org = AdminDb.tenant();
        Map<String, Object> seed003 = Map.of("backoff", "schedule", "delaysMs", List.of(60000, 300000, 900000, 3600000, 7200000));
        String id = as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/r", "events", List.of("*"), "orgId", org, "retryPolicy", seed003))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("retryPolicy.backoff", equalTo("schedule")).body("retryPolicy.delaysMs[4]", equalTo(7200000))
                .body("retryPolicy.complete", nullValue())
                .extract().path("id");
        assertEquals("[60000, 300000, 900000, 3600000, 7200000]",
                AdminDb.rows("select retry_policy->>'delaysMs' as d from endpoint where id = ?", id).getFirst().get("d"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/r", "events", List.of("*"), "orgId", org,
                        "retryPolicy", Map.of("backoff", "schedule", "delaysMs", List.of(1000), "baseDelayMs", 1000)))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("retryPolicy.complete"))
                .body("errors[0].message", containsString("delaysMs"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/r", "events", List.of("*"), "orgId", org,
                        "retryPolicy", Map.of("maxAttempts", 3, "backoff", "exponential")))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("retryPolicy.complete"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/r", "events", List.of("*"), "orgId", org,
                        "retryPolicy", Map.of("backoff", "schedule", "delaysMs", List.of(1000, -5))))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", containsString("retryPolicy.delaysMs"));
    }

    @Test
    void payloadFiltersAreValidatedAndStored() throws Exception {
        String org = AdminDb.tenant();
        Map<String, Object> filters = Map.of("userLevel", Map.of("min", 5), "forums", List.of("bitcoin-discussion", "altcoin-discussion"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/f", "events", List.of("forum.*"), "orgId", org, "filters", filters))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("filters.userLevel.min", equalTo(5)).body("filters.forums", hasItem("altcoin-discussion"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/f", "events", List.of("forum.*"), "orgId", org,
                        "filters", Map.of("userLevel", Map.of("min", 9, "max", 1), "forums", List.of())))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors.field", containsInAnyOrder("filters.userLevel", "filters.forums"));
    }

    @Test
    void rotatingTheSecretKeepsTheOldOneSigningForTheOverlap() throws Exception {
        String org = AdminDb.tenant();
        var created = as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/rot", "events", List.of("*"), "orgId", org))
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        String id = created.path("id");
        String oldCipher = (String) AdminDb.rows("select secret_ciphertext from endpoint where id = ?", id).getFirst().get("secret_ciphertext");

        String newSecret = as(ADMIN_KEY).body(Map.of("overlapSeconds", 3600)).post("/api/v1/webhooks/" + id + "/rotate-secret").then()
                .statusCode(200).body("previousSecretExpiresAt", notNullValue()).extract().path("secret");
        assertTrue(newSecret.startsWith("whsec_"));
        assertFalse(newSecret.equals(created.path("secret")));
        var row = AdminDb.rows("select previous_secret_ciphertext, previous_secret_expires_at > now() + interval '50 minutes' as later "
                + "from endpoint where id = ?", id).getFirst();
        assertEquals(oldCipher, row.get("previous_secret_ciphertext"));
        assertEquals(true, row.get("later"));
        as(ADMIN_KEY).body(Map.of("overlapSeconds", 9_999_999)).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(422);
    }

    @Test
    void anAutoDisabledEndpointIsReEnabledWithItsCountersCleared() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String id = create(key, Map.of("url", "http://127.0.0.1:9/en", "events", List.of("*")));
        AdminDb.update("update endpoint set active = false, disabled_reason = '10 consecutive deliveries failed', disabled_at = now(), "
                + "circuit_opened_at = now(), consecutive_failures = 7, consecutive_failed_deliveries = 10 where id = ?", id);
        as(key).get("/api/v1/webhooks/" + id).then().body("active", equalTo(false)).body("disabledReason", equalTo("10 consecutive deliveries failed"));

        as(key).post("/api/v1/webhooks/" + id + "/enable").then().statusCode(200).body("active", equalTo(true)).body("disabledReason", nullValue());
        var row = AdminDb.rows("select circuit_opened_at, consecutive_failures, consecutive_failed_deliveries from endpoint where id = ?", id).getFirst();
        assertEquals(null, row.get("circuit_opened_at"));
        assertEquals(0, row.get("consecutive_failures"));
        assertEquals(0, row.get("consecutive_failed_deliveries"));
        as(key).post("/api/v1/webhooks/" + id + "/disable").then().statusCode(200).body("active", equalTo(false))
                .body("disabledReason", equalTo("disabled by its owner"));
        as(key).post("/api/v1/webhooks/" + id + "/disable").then().statusCode(200);   // already disabled: nothing to announce
        as(ADMIN_KEY).body(Map.of("active", true)).patch("/api/v1/webhooks/" + id).then().statusCode(200).body("active", equalTo(true));

        // each change of state is an operational event of the organisation's, written with an outbox row (so fanned out)
        var announced = AdminDb.rows("""
                select e.type, e.source, e.payload::text as payload, o.event_id is not null as outboxed
                from event e left join outbox o on o.event_id = e.id
                where e.tenant_id = ? and e.type in ('endpoint.enabled', 'endpoint.disabled') order by e.seq""", org);
        assertEquals(List.of("endpoint.enabled", "endpoint.disabled", "endpoint.enabled"),
                announced.stream().map(r -> r.get("type")).toList(), announced.toString());
        for (var event : announced) {
            assertEquals("hookgate", event.get("source"));
            assertEquals(true, event.get("outboxed"), event.toString());
            assertTrue(event.get("payload").toString().contains("\"endpointId\": \"" + id + "\""), event.toString());
        }
        assertTrue(announced.get(0).get("payload").toString().contains("\"enabledBy\": \"owner\""), announced.toString());
        assertTrue(announced.get(1).get("payload").toString().contains("\"reason\": \"disabled by its owner\""), announced.toString());
        assertTrue(announced.get(2).get("payload").toString().contains("\"enabledBy\": \"admin\""), announced.toString());
    }

    @Test
    void invalidEndpointsAreRefusedWithFieldErrors() {
        as(ADMIN_KEY).body(Map.of("events", List.of("deposit.confirmed"))).post("/api/v1/webhooks").then()
                .statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors.field", hasItem("url"))
                .body("requestId", startsWith("req_"));
        as(ADMIN_KEY).body(Map.of("url", "ftp://example.com", "events", List.of("user.created"))).post("/api/v1/webhooks").then()
                .statusCode(422).body("errors[0].field", equalTo("url"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of("Not An Event"))).post("/api/v1/webhooks").then()
                .statusCode(422).body("errors[0].field", startsWith("events"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of("user.created"), "headers", Map.of("webhook-signature", "x")))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("headers.webhook-signature"));
        as(ADMIN_KEY).body("{\"url\": ").post("/api/v1/webhooks").then().statusCode(400).body("code", equalTo("invalid_json"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of("user.created"), "rateLimitPerMinute", 0))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("rateLimitPerMinute"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of("user.created"), "orgId", "org_missing"))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("orgId"));
    }

    @Test
    void subscriptionsMustNameCatalogueTypesAndAliasesAreNormalised() throws Exception {
        String org = AdminDb.tenant();
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/c", "events", List.of("user.created", "no.such_event", "nothing.*"), "orgId", org))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors.field", equalTo(List.of("events[1]", "events[2]")));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/c", "events", List.of("level_up", "billing.*", "deposit.confirmed"), "orgId", org))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("events", equalTo(List.of("user.level_up", "billing.*", "deposit.confirmed")));
    }

    @Test
    void theEventCatalogueIsServedWithSchemasAndExamples() {
        as(ADMIN_KEY).queryParam("category", "billing").get("/api/v1/webhooks/events/available").then().statusCode(200)
                .body("data.category", everyItem(equalTo("billing")));
        as(ADMIN_KEY).get("/api/v1/webhooks/events/available").then().statusCode(200)
                .body("data.name", hasItem("deposit.confirmed"))
                .body("data.find { it.name == 'user.level_up' }.aliases", hasItem("level_up"))
                .body("data.find { it.name == 'trade.completed' }.schema.type", equalTo("object"))
                .body("data.find { it.name == 'trade.completed' }.example.tradeId", equalTo("tx_123"))
                .body("categories.user", notNullValue());
        as(ADMIN_KEY).queryParam("category", "billing").get("/api/v1/webhooks/events/available").then().statusCode(200)
                .body("data.category", everyItem(equalTo("billing")));
        given().get("/api/v1/webhooks/events/available").then().statusCode(401);
    }

    @Test
    void listsArePaginatedWithACursor() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String first = create(key, Map.of("url", "http://127.0.0.1:9/1", "events", List.of("*")));
        String second = create(key, Map.of("url", "http://127.0.0.1:9/2", "events", List.of("*")));
        String third = create(key, Map.of("url", "http://127.0.0.1:9/3", "events", List.of("*")));

        String cursor = as(key).queryParam("limit", 2).get("/api/v1/webhooks").then().statusCode(200)
                .body("data.id", equalTo(List.of(first, second)))
                .body("hasMore", equalTo(true))
                .extract().path("nextCursor");
        as(key).queryParam("limit", 2).queryParam("starting_after", cursor).get("/api/v1/webhooks").then().statusCode(200)
                .body("data.id", equalTo(List.of(third)))
                .body("hasMore", equalTo(false));
        as(key).queryParam("limit", 0).get("/api/v1/webhooks").then().statusCode(422).body("code", equalTo("validation_failed"));
    }

    @Test
    void aTenantSeesOnlyItsOwnEndpointsAndOthersAre404() throws Exception {
        String mine = AdminDb.tenant();
        String theirs = AdminDb.tenant();
        String myKey = AdminDb.tenantKey(mine);
        String theirKey = AdminDb.tenantKey(theirs);
        String myEndpoint = create(myKey, Map.of("url", "http://127.0.0.1:9/mine", "events", List.of("*")));
        String theirEndpoint = create(theirKey, Map.of("url", "http://127.0.0.1:9/theirs", "events", List.of("*")));

        as(myKey).get("/api/v1/webhooks").then().body("data.id", equalTo(List.of(myEndpoint)));
        as(myKey).get("/api/v1/webhooks/" + theirEndpoint).then().statusCode(404).body("code", equalTo("not_found"));
        as(myKey).get("/api/v1/webhooks/" + theirEndpoint + "/deliveries").then().statusCode(404);
        as(myKey).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of("*"), "orgId", theirs))
                .post("/api/v1/webhooks").then().statusCode(422);
        as(ADMIN_KEY).get("/api/v1/webhooks/" + theirEndpoint).then().statusCode(200);
    }

    @Test
    void theEndpointLimitIsEnforced() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        for (int i = 0; i < 10; i++) {
            create(key, Map.of("url", "http://127.0.0.1:9/" + i, "events", List.of("*")));
        }
        as(key).body(Map.of("url", "http://127.0.0.1:9/11", "events", List.of("*"))).post("/api/v1/webhooks").then()
                .statusCode(422).body("code", equalTo("endpoint_limit_reached"));
    }

    @Test
    void deliveriesAreListedNewestFirstWithTheirAttempts() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String endpoint = create(key, Map.of("url", "http://127.0.0.1:9/d", "events", List.of("*")));
        String event = Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'user.created', '{}', 'test')", event, org);
        String delivery = Ids.next("dlv");
        AdminDb.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status, attempt_count, last_status_code) "
                + "values (?, ?, ?, ?, 'SUCCESS', 2, 200)", delivery, org, event, endpoint);
        AdminDb.update("insert into delivery_attempt (delivery_id, endpoint_id, attempt_number, trigger, started_at, duration_ms, request_headers, "
                + "response_status, response_body) values (?, ?, 1, 'automatic', now(), 12, '{\"webhook-signature\":\"[redacted]\"}', 500, 'boom'),"
                + " (?, ?, 2, 'automatic', now(), 8, '{}', 200, 'ok')", delivery, endpoint, delivery, endpoint);

        as(key).get("/api/v1/webhooks/" + endpoint + "/deliveries").then().statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].id", equalTo(delivery))
                .body("data[0].event", equalTo("user.created"))
                .body("data[0].status", equalTo("SUCCESS"))
                .body("data[0].attempts", equalTo(2))
                .body("data[0].attemptLog.responseStatus", equalTo(List.of(500, 200)))
                .body("data[0].attemptLog[0].requestHeaders.webhook-signature", equalTo("[redacted]"))
                .body("data[0].attemptLog[0].responseBody", equalTo("boom"))
                .body("hasMore", equalTo(false))
                .body("nextCursor", nullValue());
        as(key).get("/api/v1/webhooks/ep_unknown/deliveries").then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void theOpenApiDescriptionIsServed() {
        given().get("/q/openapi").then().statusCode(200).body(notNullValue()).body(not(equalTo("")));
    }
}
