package io.hookgate.ingest.analytics;

import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.StringJoiner;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class AnalyticsEventRouteTest {

    static final String PATH = "/api/webhook/analytics/event";
    static final String KEY = "test-analytics-key";
    static final TestDatabase DB = TestDatabase.shared();

    static io.restassured.response.Response post(String body, String key) {
        var request = given().contentType(ContentType.JSON);
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return request.body(body).post(PATH);
    }

    /** Seed 000's example for a user of the test's own. */
    static String event(String user, String name) {
        return """
                {"event":"%s","userId":"%s","properties":{"page":"/zones/primary/bitcoin-discussion","referrer":"google.com",
                 "userAgent":"Mozilla/5.0","timestamp":"2025-01-01T12:00:00Z"},"context":{"ip":"192.168.1.100","country":"US","device":"desktop"}}"""
                .formatted(name, user);
    }

    @Test
    void theSeedsEventIsStoredWithItsSourceTimeAndRequestId() throws Exception {
        String user = "u_" + UUID.randomUUID();
        String requestId = post(event(user, "page_view"), KEY).then().statusCode(200)
                .body("success", equalTo(true)).body("data.stored", equalTo(1)).body("data.source", equalTo("tracker"))
                .extract().header("X-Request-Id");
        var row = DB.rows("select source, event, properties->>'page' as page, context->>'country' as country, "
                + "occurred_at = '2025-01-01T12:00:00Z'::timestamptz as at_seed_time, request_id from analytics_event where user_id = ?", user).getFirst();
        assertEquals("tracker", row.get("source"));
        assertEquals("page_view", row.get("event"));
        assertEquals("/zones/primary/bitcoin-discussion", row.get("page"));
        assertEquals("US", row.get("country"));
        assertEquals(true, row.get("at_seed_time"));
        assertEquals(requestId, row.get("request_id"));
    }

    @Test
    void aBatchIsStoredInOneGoAndOneBadEventRefusesAllOfIt() throws Exception {
        String user = "u_" + UUID.randomUUID();
        StringJoiner batch = new StringJoiner(",", "{\"events\":[", "]}");
        for (int i = 0; i < 500; i++) {
            batch.add(event(user, i % 2 == 0 ? "page_view" : "click"));
        }
        post(batch.toString(), KEY).then().statusCode(200).body("data.stored", equalTo(500));
        assertEquals(500, DB.count("select count(*) from analytics_event where user_id = ?", user));

        String other = "u_" + UUID.randomUUID();
        String bad = "{\"events\":[" + event(other, "page_view") + "," + event(other, "Page View!") + "]}";
        post(bad, KEY).then().statusCode(400).body("error", equalTo("WEBHOOK_007")).body("message", containsString("events[1].event"));
        assertEquals(0, DB.count("select count(*) from analytics_event where user_id = ?", other), "nothing of a refused batch is stored");

        StringJoiner tooMany = new StringJoiner(",", "{\"events\":[", "]}");
        for (int i = 0; i < 501; i++) {
            tooMany.add("{\"event\":\"x\"}");
        }
        post(tooMany.toString(), KEY).then().statusCode(400).body("message", containsString("1 to 500"));
    }

    @Test
    void badKeysAndBadEventsAreRefusedWithTheirCodes() {
        post(event("u", "page_view"), null).then().statusCode(401).body("error", equalTo("WEBHOOK_001"));
        post(event("u", "page_view"), "wrong").then().statusCode(401).body("error", equalTo("WEBHOOK_001"));
        post("{\"userId\":1}", KEY).then().statusCode(400).body("message", containsString("event must be"));
        post("{\"event\":\"x\",\"userId\":{\"a\":1}}", KEY).then().statusCode(400).body("message", containsString("userId"));
        post("{\"event\":\"x\",\"properties\":[1]}", KEY).then().statusCode(400).body("message", containsString("properties"));
        post("{\"event\":\"x\",\"properties\":{\"timestamp\":\"yesterday\"}}", KEY).then().statusCode(400)
                .body("message", containsString("properties.timestamp"));
        post("[1,2]", KEY).then().statusCode(400).body("error", equalTo("WEBHOOK_007"));
        post("{nope", KEY).then().statusCode(400).body("error", equalTo("WEBHOOK_007"));
    }

    @Test
    void storedEventsCannotBeChangedOrDeleted() throws Exception {
        String user = "u_" + UUID.randomUUID();
        post(event(user, "signup"), KEY).then().statusCode(200);
        assertThrows(SQLException.class, () -> DB.update("update analytics_event set event = 'x' where user_id = ?", user));
        assertThrows(SQLException.class, () -> DB.update("delete from analytics_event where user_id = ?", user));
        assertTrue(DB.count("select count(*) from analytics_event where user_id = ? and event = 'signup'", user) == 1);
    }
}
