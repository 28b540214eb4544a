package io.hookgate.admin;

import io.hookgate.core.Ids;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static io.hookgate.admin.EndpointResourceTest.create;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Statistics over known deliveries and attempts, at fixed times so every figure can be checked exactly. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class StatsTest {

    record Fixture(String org, String key, String endpoint) {
    }

    /**
     * On 2025-03-01 (UTC): d1 SUCCESS after a 500 (100 ms) and a 200 (300 ms) at 00:10; d2 SUCCESS, 200 in 200 ms at
     * 00:20; d3 RETRY_EXHAUSTED, 500 in 1000 ms at 02:30; d4 PENDING, no attempt, at 02:40; and a test send (5000 ms)
     * that statistics leave out. Types: d1, d2 user.created; d3, d4 invoice.paid.
     */
    static Fixture fixture() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String endpoint = create(key, Map.of("url", "http://127.0.0.1:9/stats", "events", List.of("*")));
        delivery(org, endpoint, "user.created", "SUCCESS", "2025-03-01T00:10:00Z", false, new int[][] {{500, 100}, {200, 300}});
        delivery(org, endpoint, "user.created", "SUCCESS", "2025-03-01T00:20:00Z", false, new int[][] {{200, 200}});
        delivery(org, endpoint, "invoice.paid", "RETRY_EXHAUSTED", "2025-03-01T02:30:00Z", false, new int[][] {{500, 1000}});
        delivery(org, endpoint, "invoice.paid", "PENDING", "2025-03-01T02:40:00Z", false, new int[][] {});
        delivery(org, endpoint, "test.event", "SUCCESS", "2025-03-01T02:50:00Z", true, new int[][] {{200, 5000}});
        return new Fixture(org, key, endpoint);
    }

    static void delivery(String org, String endpoint, String type, String status, String at, boolean test, int[][] attempts) throws Exception {
        String event = Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source, created_at) values (?, ?, ?, '{}', 'test', ?::timestamptz)",
                event, org, type, at);
        String delivery = Ids.next("dlv");
        AdminDb.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status, attempt_count, test, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?::timestamptz)", delivery, org, event, endpoint, status, attempts.length, test, at);
        for (int i = 0; i < attempts.length; i++) {
            AdminDb.update("insert into delivery_attempt (delivery_id, endpoint_id, attempt_number, trigger, started_at, duration_ms, "
                    + "request_headers, response_status, error_category) values (?, ?, ?, ?, ?::timestamptz + make_interval(secs => ?), ?, '{}', ?, "
                    + "case when ? >= 500 then 'http_5xx' when ? >= 300 then 'http_4xx' end)",
                    delivery, endpoint, i + 1, test ? "test" : "automatic", at, i * 60, attempts[i][1], attempts[i][0], attempts[i][0], attempts[i][0]);
        }
    }

    @Test
    void anOrganisationsDegradationThresholdsAreItsOwnValidatedAndDefaulted() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        as(key).get("/api/v1/alert-settings").then().statusCode(200).body("orgId", equalTo(org))
                .body("minSuccessRate", equalTo(0.9f)).body("maxP95ResponseTime", equalTo(5000)).body("minAttempts", equalTo(10))
                .body("windowSeconds", equalTo(900)).body("defaults.maxP95ResponseTime", equalTo(5000)).body("updatedAt", nullValue());
        as(key).body(Map.of("maxP95ResponseTime", 800, "minSuccessRate", 0.99)).put("/api/v1/alert-settings").then().statusCode(200)
                .body("maxP95ResponseTime", equalTo(800)).body("minSuccessRate", equalTo(0.99f)).body("minAttempts", equalTo(10))
                .body("updatedAt", notNullValue());
        assertEquals(800, AdminDb.rows("select max_p95_ms from tenant_alert_settings where tenant_id = ?", org).getFirst().get("max_p95_ms"));
        as(key).body(Map.of("minSuccessRate", 1.5, "minAttempts", 0)).put("/api/v1/alert-settings").then().statusCode(422)
                .body("errors.field", hasItem("minSuccessRate")).body("errors.field", hasItem("minAttempts"));
        String other = AdminDb.tenant();
        as(key).get("/api/v1/alert-settings?orgId=" + other).then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(ADMIN_KEY).get("/api/v1/alert-settings").then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(ADMIN_KEY).get("/api/v1/alert-settings?orgId=" + org).then().statusCode(200).body("maxP95ResponseTime", equalTo(800));
        as(ADMIN_KEY).get("/api/v1/alert-settings?orgId=org_nope").then().statusCode(422);
        as(key).body(Map.of()).put("/api/v1/alert-settings").then().statusCode(200).body("maxP95ResponseTime", equalTo(5000));
    }

    @Test
    void anOrganisationsForbiddenDestinationsAreValidatedAndItsOwn() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        as(key).get("/api/v1/outbound-policy").then().statusCode(200).body("orgId", equalTo(org))
                .body("blockedDestinations", hasSize(0)).body("updatedAt", nullValue());
        as(key).body(Map.of("blockedDestinations", List.of("203.0.113.0/24", "2001:db8:5::/48"))).put("/api/v1/outbound-policy").then()
                .statusCode(200).body("blockedDestinations", equalTo(List.of("203.0.113.0/24", "2001:db8:5::/48"))).body("updatedAt", notNullValue());
        as(key).body(Map.of("blockedDestinations", List.of("203.0.113.0/24", "example.com"))).put("/api/v1/outbound-policy").then()
                .statusCode(422).body("errors[0].field", equalTo("blockedDestinations[1]"));
        as(key).body(Map.of()).put("/api/v1/outbound-policy").then().statusCode(422);
        as(ADMIN_KEY).get("/api/v1/outbound-policy").then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(ADMIN_KEY).get("/api/v1/outbound-policy?orgId=" + org).then().statusCode(200).body("blockedDestinations", hasSize(2));
        String stranger = AdminDb.tenantKey(AdminDb.tenant());
        as(stranger).get("/api/v1/outbound-policy?orgId=" + org).then().statusCode(422);
        as(stranger).get("/api/v1/outbound-policy").then().statusCode(200).body("blockedDestinations", hasSize(0));
    }

    @Test
    void anEndpointsStatisticsAndHealthScoreAreComputedFromItsDeliveriesAndAttempts() throws Exception {
        Fixture f = fixture();
        // Success rate 2/3, uptime 2/4, p95 of 100, 200, 300, 1000 ms = 895 ms (under 1 s: full latency marks).
        // Health: 50 × 0.667 + 30 × 0.5 + 20 × 1 = 68, degraded.
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/stats?since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z").then()
                .statusCode(200)
                .body("totalSent", equalTo(3)).body("delivered", equalTo(2)).body("failed", equalTo(1)).body("pending", equalTo(1))
                .body("successRate", equalTo(0.667f)).body("attempts", equalTo(4)).body("uptime", equalTo(0.5f))
                .body("errorRate", equalTo(0.5f)).body("errors.http_5xx", equalTo(2)).body("errors.size()", equalTo(1))
                .body("averageResponseTime", equalTo(400.0f)).body("p95ResponseTime", equalTo(895.0f))
                .body("lastTriggered", equalTo("2025-03-01T02:40:00Z"))
                .body("healthScore", equalTo(68)).body("health", equalTo("degraded"))
                .body("rateLimitPerMinute", equalTo(100)).body("effectiveRateLimitPerMinute", equalTo(100.0f)).body("throttledUntil", nullValue());
        // adaptive limiting halved it after a 429 whose Retry-After pauses it (what the delivery function writes)
        AdminDb.update("update endpoint set adaptive_rate = 50, adaptive_changed_at = now(), throttled_until = now() + interval '1 hour' where id = ?", f.endpoint());
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/stats").then().statusCode(200)
                .body("rateLimitPerMinute", equalTo(100)).body("effectiveRateLimitPerMinute", equalTo(50.0f)).body("throttledUntil", notNullValue());
        // Outside the window nothing was measured: full marks on everything measured, no rates.
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/stats?since=2025-04-01T00:00:00Z&until=2025-04-02T00:00:00Z").then()
                .statusCode(200).body("totalSent", equalTo(0)).body("successRate", nullValue()).body("p95ResponseTime", nullValue())
                .body("healthScore", equalTo(100)).body("health", equalTo("healthy"));
        AdminDb.update("update endpoint set circuit_opened_at = now() where id = ?", f.endpoint());
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/stats?since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z").then()
                .body("healthScore", equalTo(25)).body("health", equalTo("failing"));
        as(f.key()).post("/api/v1/webhooks/" + f.endpoint() + "/disable").then().statusCode(200);
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/stats").then().body("healthScore", equalTo(0)).body("health", equalTo("disabled"));
    }

    @Test
    void analyticsBucketsCoverTheWholeWindowIncludingEmptyHours() throws Exception {
        Fixture f = fixture();
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/analytics?period=hour&start=2025-03-01T00:00:00Z&end=2025-03-01T03:00:00Z")
                .then().statusCode(200).body("period", equalTo("hour")).body("buckets", hasSize(3))
                .body("buckets[0].start", equalTo("2025-03-01T00:00:00Z")).body("buckets[0].deliveries", equalTo(2))
                .body("buckets[0].delivered", equalTo(2)).body("buckets[0].attempts", equalTo(3)).body("buckets[0].successfulAttempts", equalTo(2))
                .body("buckets[0].averageResponseTime", equalTo(200.0f)).body("buckets[0].p50ResponseTime", equalTo(200.0f))
                .body("buckets[0].p95ResponseTime", equalTo(290.0f)).body("buckets[0].failedAttempts", equalTo(1))
                .body("buckets[0].successRate", equalTo(1.0f)).body("buckets[0].uptime", equalTo(0.667f)).body("buckets[0].errorRate", equalTo(0.333f))
                // 50 × 1 (delivered of finished) + 30 × ⅔ (2xx attempts) + 20 × 1 (p95 under a second)
                .body("buckets[0].healthScore", equalTo(90))
                .body("buckets[1].healthScore", nullValue()).body("buckets[1].successRate", nullValue()).body("buckets[1].uptime", nullValue())
                .body("buckets[1].deliveries", equalTo(0)).body("buckets[1].attempts", equalTo(0)).body("buckets[1].averageResponseTime", nullValue())
                .body("buckets[2].start", equalTo("2025-03-01T02:00:00Z")).body("buckets[2].deliveries", equalTo(2))
                .body("buckets[2].failed", equalTo(1)).body("buckets[2].attempts", equalTo(1)).body("buckets[2].p95ResponseTime", equalTo(1000.0f))
                // nothing delivered, no 2xx: only the latency's 20 (a p95 of 1 s still scores full marks)
                .body("buckets[2].successRate", equalTo(0.0f)).body("buckets[2].errorRate", equalTo(1.0f)).body("buckets[2].healthScore", equalTo(20));
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/analytics?period=day&start=2025-03-01T00:00:00Z&end=2025-03-03T00:00:00Z")
                .then().statusCode(200).body("buckets", hasSize(2)).body("buckets[0].deliveries", equalTo(4)).body("buckets[1].deliveries", equalTo(0));
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/analytics?period=week").then().statusCode(422).body("errors[0].field", equalTo("period"));
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/analytics?period=hour&start=2020-01-01T00:00:00Z&end=2025-01-01T00:00:00Z")
                .then().statusCode(422).body("errors[0].field", equalTo("start"));
        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/analytics?start=tomorrow").then().statusCode(422).body("errors[0].field", equalTo("start"));
        as(AdminDb.tenantKey(AdminDb.tenant())).get("/api/v1/webhooks/" + f.endpoint() + "/analytics").then().statusCode(404);
        as(AdminDb.tenantKey(AdminDb.tenant())).get("/api/v1/webhooks/" + f.endpoint() + "/stats").then().statusCode(404);
    }

    @Test
    void manyEndpointsStatisticsComeInOneAnswerEachAsItsOwnRouteGivesThem() throws Exception {
        Fixture f = fixture();
        String quiet = create(f.key(), Map.of("url", "http://127.0.0.1:9/quiet", "events", List.of("*")));
        String window = "since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z";
        var one = as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/stats?" + window).then().statusCode(200).extract().jsonPath();
        var both = as(f.key()).get("/api/v1/stats/endpoints?ids=" + quiet + "," + f.endpoint() + "&" + window).then().statusCode(200)
                .body("data.endpointId", equalTo(List.of(quiet, f.endpoint()))).body("data[0].totalSent", equalTo(0))
                .body("data[0].successRate", nullValue()).body("data[0].healthScore", equalTo(100))
                .extract().jsonPath();
        assertEquals(one.getMap(""), both.getMap("data[1]"), "the same figures as the endpoint's own stats route");
        String stranger = AdminDb.tenantKey(AdminDb.tenant());
        as(stranger).get("/api/v1/stats/endpoints?ids=" + f.endpoint()).then().statusCode(404).body("code", equalTo("not_found"));
        as(f.key()).get("/api/v1/stats/endpoints?ids=").then().statusCode(422).body("errors[0].field", equalTo("ids"));
        String tooMany = String.join(",", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "ep_" + i).toList());
        as(f.key()).get("/api/v1/stats/endpoints?ids=" + tooMany).then().statusCode(422).body("errors[0].field", equalTo("ids"));
    }

    @Test
    void deliveriesPerEventTypeAreSummedForTheCallersOrganisationOnly() throws Exception {
        Fixture f = fixture();
        as(f.key()).get("/api/v1/stats/events?since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z").then().statusCode(200)
                .body("events", hasSize(2))
                .body("events[0].event", equalTo("invoice.paid")).body("events[0].totalDeliveries", equalTo(2))
                .body("events[0].failed", equalTo(1)).body("events[0].pending", equalTo(1)).body("events[0].avgAttempts", equalTo(0.5f))
                .body("events[1].event", equalTo("user.created")).body("events[1].totalDeliveries", equalTo(2))
                .body("events[1].successful", equalTo(2)).body("events[1].avgAttempts", equalTo(1.5f));
        // another organisation's key naming this one is refused, not answered quietly with its own figures
        as(AdminDb.tenantKey(AdminDb.tenant())).get("/api/v1/stats/events?since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z&orgId=" + f.org())
                .then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(f.key()).get("/api/v1/stats/events?since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z&orgId=" + f.org())
                .then().statusCode(200).body("events", hasSize(2));
        as(EndpointResourceTest.ADMIN_KEY).get("/api/v1/stats/events?since=2025-03-01T00:00:00Z&until=2025-03-02T00:00:00Z&orgId=" + f.org())
                .then().statusCode(200).body("events", hasSize(2));
    }

    @Test
    void theDeliveryLogFiltersByStatusEventAndTime() throws Exception {
        Fixture f = fixture();
        String base = "/api/v1/webhooks/" + f.endpoint() + "/deliveries";
        as(f.key()).get(base).then().statusCode(200).body("data", hasSize(5));
        as(f.key()).get(base + "?status=RETRY_EXHAUSTED").then().body("data", hasSize(1)).body("data[0].event", equalTo("invoice.paid"));
        as(f.key()).get(base + "?event=invoice.paid").then().body("data", hasSize(2)).body("data.event", org.hamcrest.Matchers.everyItem(equalTo("invoice.paid")));
        as(f.key()).get(base + "?event=user_registered&status=SUCCESS").then().body("data", hasSize(2));
        as(f.key()).get(base + "?since=2025-03-01T02:00:00Z").then().body("data", hasSize(3));
        as(f.key()).get(base + "?until=2025-03-01T01:00:00Z").then().body("data", hasSize(2));
        as(f.key()).get(base + "?since=2025-03-01T00:15:00Z&until=2025-03-01T02:35:00Z&limit=1").then().body("data", hasSize(1))
                .body("hasMore", equalTo(true)).body("data[0].status", equalTo("RETRY_EXHAUSTED"));
        as(f.key()).get(base + "?status=DONE").then().statusCode(422).body("errors[0].field", equalTo("status"));
        as(f.key()).get(base + "?since=yesterday").then().statusCode(422).body("errors[0].field", equalTo("since"));
    }
}
