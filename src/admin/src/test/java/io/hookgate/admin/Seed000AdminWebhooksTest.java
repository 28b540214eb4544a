package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seed 000's admin webhooks ({@code /api/admin/webhooks}) with its own bodies, wrapping, names and figures. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class Seed000AdminWebhooksTest {

    /** Seed 000's "Configure Webhook Endpoints" body, as printed. */
    static final String SEED_BODY = """
            {
              "name": "User Activity Webhook",
              "url": "https://external-service.com/webhook",
              "events": ["user_registered", "thread_created", "level_up"],
              "secret": "webhook_secret_key",
              "active": true,
              "retryConfig": {
                "maxRetries": 3,
                "retryDelay": 5000,
                "backoffMultiplier": 2
              },
              "filters": {
                "userLevel": {
                  "min": 5
                },
                "forums": ["bitcoin-discussion", "altcoin-discussion"]
              }
            }""";

    @Test
    void theSeedsCreationBodyIsAcceptedAsPrintedAndWrapped() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        String id = as(key).body(SEED_BODY).post("/api/admin/webhooks").then().statusCode(201)
                .body("success", equalTo(true))
                .body("data.name", equalTo("User Activity Webhook"))
                .body("data.events", equalTo(List.of("user_registered", "thread_created", "level_up")))
                .body("data.secret", equalTo("webhook_secret_key")).body("data.profile", equalTo("seed000"))
                .body("data.retryConfig.maxRetries", equalTo(3)).body("data.retryConfig.retryDelay", equalTo(5000))
                .body("data.retryConfig.backoffMultiplier", equalTo(2.0f))
                .body("data.filters.forums", equalTo(List.of("bitcoin-discussion", "altcoin-discussion")))
                .extract().path("data.id");

        var row = AdminDb.rows("select array_to_string(events, ',') as events, retry_policy->>'backoff' as backoff, "
                + "retry_policy->>'maxAttempts' as attempts, retry_policy->>'baseDelayMs' as base, retry_policy->>'multiplier' as multiplier, "
                + "secret_ciphertext from endpoint where id = ?", id).getFirst();
        assertEquals("user.created,forum.thread_created,user.level_up", row.get("events"), "stored under the catalogue's names");
        assertEquals(List.of("exponential", "4", "5000", "2"), List.of(row.get("backoff"), row.get("attempts"), row.get("base"),
                row.get("multiplier").toString().replace(".0", "")), "3 retries are 4 attempts");
        String stored = (String) row.get("secret_ciphertext");
        assertTrue(stored.startsWith("v1:") && !stored.contains("webhook_secret_key"), "the caller's secret is stored encrypted");
        as(key).get("/api/admin/webhooks/" + id).then().statusCode(200).body("data.secret", nullValue());
        as(key).body(Map.of("profile", "seed003")).patch("/api/v1/webhooks/" + id).then().statusCode(200).body("profile", equalTo("seed003"));
        as(key).body(Map.of("profile", "seed9")).patch("/api/v1/webhooks/" + id).then().statusCode(422).body("errors[0].field", equalTo("profile"));
        as(key).body(Map.of("url", "https://external-service.com/std", "events", List.of("level_up"))).post("/api/v1/webhooks").then()
                .statusCode(201).body("profile", equalTo("standard"));
        as(key).get("/api/v1/webhooks/" + id).then().statusCode(200).body("retryPolicy.maxAttempts", equalTo(4))
                .body("retryPolicy.baseDelayMs", equalTo(5000)).body("secret", nullValue());
    }

    @Test
    void theListCarriesStatisticsAndLastTriggered() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String busy = as(key).body(SEED_BODY).post("/api/admin/webhooks").then().statusCode(201).extract().path("data.id");
        String idle = as(key).body(Map.of("url", "https://external-service.com/idle", "events", List.of("level_up")))
                .post("/api/admin/webhooks").then().statusCode(201).extract().path("data.id");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        StatsTest.delivery(org, busy, "user.created", "SUCCESS", now.minusHours(3).toString(), false, new int[][] {{500, 100}, {200, 300}});
        StatsTest.delivery(org, busy, "user.created", "SUCCESS", now.minusHours(2).toString(), false, new int[][] {{200, 200}});
        StatsTest.delivery(org, busy, "user.level_up", "RETRY_EXHAUSTED", now.minusHours(1).toString(), false, new int[][] {{500, 600}});
        StatsTest.delivery(org, busy, "test.event", "SUCCESS", now.minusMinutes(1).toString(), true, new int[][] {{200, 9000}});

        as(key).get("/api/admin/webhooks").then().statusCode(200).body("success", equalTo(true))
                .body("data.webhooks.id", equalTo(List.of(busy, idle)))
                .body("data.webhooks[0].statistics.totalSent", equalTo(3))
                .body("data.webhooks[0].statistics.successRate", equalTo(0.667f))
                .body("data.webhooks[0].statistics.averageResponseTime", equalTo(300.0f))
                .body("data.webhooks[0].lastTriggered", equalTo(OffsetDateTime.parse(now.minusHours(1).toString()).toInstant().toString()))
                .body("data.webhooks[0].createdAt", notNullValue())
                .body("data.webhooks[1].statistics.totalSent", equalTo(0))
                .body("data.webhooks[1].lastTriggered", nullValue())
                .body("data.hasMore", equalTo(false));
        as(key).queryParam("limit", 1).get("/api/admin/webhooks").then().body("data.webhooks.id", equalTo(List.of(busy)))
                .body("data.hasMore", equalTo(true)).body("data.nextCursor", equalTo(busy));

        as(key).get("/api/admin/webhooks/" + busy + "/deliveries").then().statusCode(200).body("success", equalTo(true))
                .body("data.deliveries[0].status", equalTo("success")).body("data.deliveries[0].event", equalTo("test_event"))
                .body("data.deliveries[1].event", equalTo("level_up")).body("data.deliveries[1].status", equalTo("retry_exhausted"))
                .body("data.deliveries[1].responseCode", equalTo(500)).body("data.deliveries[1].responseTime", equalTo(600))
                .body("data.deliveries[3].event", equalTo("user_registered")).body("data.deliveries[3].attempts", equalTo(2));
    }

    /** Seed 000's "Retry Logic" object, as printed, given as an endpoint's retryConfig. */
    @Test
    void theSeedsFullRetryConfigSetsThePolicyAndTheTimeout() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        String body = """
                {"url": "https://external-service.com/webhook", "events": ["level_up"],
                 "retryConfig": {
                  "maxRetries": 3,
                  "initialDelay": 1000,
                  "maxDelay": 30000,
                  "backoffMultiplier": 2,
                  "timeoutMs": 5000
                }}""";
        String id = as(key).body(body).post("/api/admin/webhooks").then().statusCode(201)
                .body("data.retryConfig.maxRetries", equalTo(3)).body("data.retryConfig.retryDelay", equalTo(1000))
                .body("data.retryConfig.maxDelay", equalTo(30000)).extract().path("data.id");
        as(key).get("/api/v1/webhooks/" + id).then().body("timeoutMs", equalTo(5000)).body("retryPolicy.maxDelayMs", equalTo(30000));
        as(key).body(body.replace("\"events\"", "\"timeoutMs\": 4000, \"events\"")).post("/api/admin/webhooks").then().statusCode(422)
                .body("errors[0].field", equalTo("retryConfig.timeoutMs"));
    }

    @Test
    void anotherOrganisationsWebhookIsAbsentAndTheRoutesNeedAKey() throws Exception {
        String mine = AdminDb.tenantKey(AdminDb.tenant());
        String theirs = AdminDb.tenantKey(AdminDb.tenant());
        String id = as(mine).body(SEED_BODY).post("/api/admin/webhooks").then().statusCode(201).extract().path("data.id");
        as(theirs).get("/api/admin/webhooks/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        as(theirs).get("/api/admin/webhooks/" + id + "/deliveries").then().statusCode(404);
        as(theirs).delete("/api/admin/webhooks/" + id).then().statusCode(404);
        as(theirs).get("/api/admin/webhooks").then().statusCode(200).body("data.webhooks.id", not(hasItem(id)));
        given().get("/api/admin/webhooks").then().statusCode(401).body("code", equalTo("unauthorized"));
        as(mine).delete("/api/admin/webhooks/" + id).then().statusCode(200).body("success", equalTo(true));
        as(mine).get("/api/admin/webhooks/" + id).then().statusCode(404);
    }

    @Test
    void weakSecretsAndUnknownRetryFieldsAreRefusedByName() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        for (String weak : List.of("short", "aaaaaaaaaaaaaaaaaaaaaaaa", "has spaces in the secret!", "whsec_notbase64!!")) {
            as(key).body(Map.of("url", "https://external-service.com/w", "events", List.of("level_up"), "secret", weak))
                    .post("/api/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("secret"));
        }
        as(key).body(Map.of("url", "https://external-service.com/w", "events", List.of("level_up"),
                        "retryConfig", Map.of("maxRetries", 3, "retryDelay", 5000, "jitterPlease", true)))
                .post("/api/admin/webhooks").then().statusCode(422).body("errors[0].field", equalTo("retryConfig.jitterPlease"));
        as(key).body(Map.of("url", "https://external-service.com/w", "events", List.of("level_up"),
                        "retryConfig", Map.of("maxRetries", 3, "retryDelay", 5000), "retryPolicy", Map.of("maxAttempts", 2, "backoff", "fixed", "baseDelayMs", 1)))
                .post("/api/admin/webhooks").then().statusCode(422).body("errors.field", hasItem(startsWith("retry")));
        as(key).body(Map.of("url", "https://external-service.com/w", "events", List.of("level_up"), "colour", "red"))
                .post("/api/admin/webhooks").then().statusCode(422).body("code", equalTo("unknown_field")).body("errors[0].field", equalTo("colour"))
                .body("success", equalTo(false)).body("error", equalTo("unknown_field"))
                .body("message", equalTo("The body has a field this operation does not know")).body("requestId", startsWith("req_"));
        as(key).body(Map.of("url", "https://external-service.com/w", "events", List.of("level_up"), "colour", "red"))
                .post("/api/v1/webhooks").then().statusCode(422).body("code", equalTo("unknown_field")).body("success", nullValue());
    }
}
