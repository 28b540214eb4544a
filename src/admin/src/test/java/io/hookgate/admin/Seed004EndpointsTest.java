package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Seed 004's endpoints ({@code /api/webhooks/endpoints}) with its API reference's bodies as printed. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class Seed004EndpointsTest {

    static final String CREATE = """
            {
              "name": "My Webhook",
              "url": "https://myapp.com/webhooks",
              "event_types": ["user.created", "pitch.created"],
              "timeout": 30,
              "retry_policy": {
                "max_attempts": 3,
                "backoff_type": "exponential",
                "base_delay": 1000
              },
              "headers": {
                "X-Custom-Header": "value"
              }
            }""";

    /** The getting-started example of seed 004's webhookService.createEndpoint. */
    static final String CREATE_SERVICE = """
            {
              "name": "My CRM Integration",
              "url": "https://myapp.com/webhooks/pitchey",
              "event_types": ["user.created", "pitch.created", "investment.made"],
              "timeout": 30,
              "retry_policy": {
                "max_attempts": 3,
                "backoff_type": "exponential",
                "base_delay": 1000
              }
            }""";

    static final String UPDATE = """
            {
              "name": "Updated Webhook Name",
              "is_active": true
            }""";

    @Test
    void createUpdateAndReadInTheSeedsSnakeCase() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        String id = as(key).body(CREATE).post("/api/webhooks/endpoints").then().statusCode(201)
                .body("name", equalTo("My Webhook")).body("event_types", equalTo(List.of("user.created", "pitch.created")))
                .body("timeout", equalTo(30.0f)).body("retry_policy.max_attempts", equalTo(3))
                .body("retry_policy.backoff_type", equalTo("exponential")).body("retry_policy.base_delay", equalTo(1000))
                .body("headers.X-Custom-Header", equalTo("value")).body("is_active", equalTo(true)).body("secret", startsWith("whsec_"))
                .body("profile", equalTo("seed004"))
                .extract().path("id");
        var row = AdminDb.rows("select timeout_ms, retry_policy->>'maxAttempts' as attempts from endpoint where id = ?", id).getFirst();
        assertEquals(30000, ((Number) row.get("timeout_ms")).intValue());
        assertEquals("3", row.get("attempts"));

        as(key).body("{\"is_active\": false}").put("/api/webhooks/endpoints/" + id).then().statusCode(200).body("is_active", equalTo(false));
        as(key).body(UPDATE).put("/api/webhooks/endpoints/" + id).then().statusCode(200)
                .body("name", equalTo("Updated Webhook Name")).body("is_active", equalTo(true))
                .body("url", equalTo("https://myapp.com/webhooks")).body("timeout", equalTo(30.0f))
                .body("retry_policy.max_attempts", equalTo(3)).body("secret", nullValue());
        // an unknown field inside a patched object is named, never a 500 (on the seed route and the canonical PATCH)
        as(key).body("{\"retry_policy\": {\"max_attempts\": 2, \"backoff_type\": \"fixed\", \"base_delay\": 10, \"jitter_type\": \"full\"}}")
                .put("/api/webhooks/endpoints/" + id).then().statusCode(422).body("code", equalTo("unknown_field"))
                .body("errors[0].field", equalTo("retryPolicy.jitter_type"));
        as(key).body("{\"retryPolicy\": {\"maxAttempts\": 2, \"backoff\": \"fixed\", \"baseDelayMs\": 10, \"colour\": \"red\"}}")
                .patch("/api/v1/webhooks/" + id).then().statusCode(422).body("errors[0].field", equalTo("retryPolicy.colour"));
        as(key).get("/api/webhooks/endpoints/" + id).then().body("retry_policy.max_attempts", equalTo(3));
        as(key).get("/api/webhooks/endpoints").then().statusCode(200).body("data", hasSize(1)).body("data[0].name", equalTo("Updated Webhook Name"));
        as(key).get("/api/webhooks/endpoints/" + id).then().statusCode(200).body("event_types", equalTo(List.of("user.created", "pitch.created")));
    }

    @Test
    void theGettingStartedExampleWithInvestmentMadeIsAccepted() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        as(key).body(CREATE_SERVICE).post("/api/webhooks/endpoints").then().statusCode(201)
                .body("event_types", equalTo(List.of("user.created", "pitch.created", "investment.made")));
    }

    @Test
    void secondsAndMillisecondsAreCheckedAndNotBothGiven() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        for (Object timeout : List.of(0, 31, 2.5, "30")) {
            as(key).body(Map.of("url", "https://myapp.com/w", "event_types", List.of("user.created"), "timeout", timeout))
                    .post("/api/webhooks/endpoints").then().statusCode(422).body("errors[0].field", equalTo("timeout"));
        }
        as(key).body("{\"url\": \"https://myapp.com/w\", \"event_types\": [\"user.created\"], \"timeout\": 5, \"timeoutMs\": 5000}")
                .post("/api/webhooks/endpoints").then().statusCode(422).body("errors[0].field", equalTo("timeoutMs"));
        as(key).body("{\"url\": \"https://myapp.com/w\", \"event_types\": [\"user.created\"], \"events\": [\"user.created\"]}")
                .post("/api/webhooks/endpoints").then().statusCode(422).body("errors[0].field", equalTo("events"));
        as(key).body(Map.of("url", "https://myapp.com/w", "event_types", List.of("user.created"),
                        "retry_policy", Map.of("max_attempts", 3, "backoff_type", "exponential", "base_delay", 1000, "jitter_type", "full")))
                .post("/api/webhooks/endpoints").then().statusCode(422).body("code", equalTo("unknown_field"))
                .body("errors[0].field", equalTo("retryPolicy.jitter_type"));
    }

    @Test
    void analyticsTakeWholeDays() throws Exception {
        var f = StatsTest.fixture();
        as(f.key()).queryParam("period", "day").queryParam("start_date", "2025-03-01").queryParam("end_date", "2025-03-02")
                .get("/api/webhooks/endpoints/" + f.endpoint() + "/analytics").then().statusCode(200)
                .body("start", equalTo("2025-03-01T00:00:00Z")).body("end", equalTo("2025-03-03T00:00:00Z"))
                .body("buckets", hasSize(2)).body("buckets[0].deliveries", equalTo(4)).body("buckets[1].deliveries", equalTo(0));
        as(f.key()).queryParam("period", "hour").queryParam("start_date", "2025-03-01").queryParam("end_date", "2025-03-01")
                .get("/api/webhooks/endpoints/" + f.endpoint() + "/analytics").then().statusCode(200).body("buckets", hasSize(24));
        as(f.key()).queryParam("start_date", "2025-03-01").queryParam("start", "2025-03-01T00:00:00Z")
                .get("/api/v1/webhooks/" + f.endpoint() + "/analytics").then().statusCode(422).body("errors[0].field", equalTo("start_date"));
        as(f.key()).queryParam("start_date", "March 1st")
                .get("/api/webhooks/endpoints/" + f.endpoint() + "/analytics").then().statusCode(422).body("errors[0].field", equalTo("start_date"));
    }
}
