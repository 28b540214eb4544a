package io.hookgate.admin;

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
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin side of a test send: the targeted event, the test delivery and its deliver message on the real queue.
 * No delivery function runs in this module's tests, so the answer here is always the 202 "not attempted in time";
 * the 200 with the attempt is shown end to end in the bench module's SystemEndToEndTest.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class TestSendTest {

    @Test
    void aTestIsStoredAsATargetedTestDeliveryAndQueuedWithTheTestTrigger() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String id = create(key, Map.of("url", "http://127.0.0.1:9/test", "events", List.of("deposit.confirmed"), "timeoutMs", 1000));
        as(key).post("/api/v1/webhooks/" + id + "/disable").then().statusCode(200);

        var answer = as(key).post("/api/v1/webhooks/" + id + "/test").then().statusCode(202)
                .body("status", equalTo("PENDING")).body("success", equalTo(false)).body("event", equalTo("test.event"))
                .body("deliveryId", startsWith("dlv_")).body("eventId", startsWith("evt_")).body("attempt", nullValue())
                .extract();
        String delivery = answer.path("deliveryId");
        String event = answer.path("eventId");
        var row = AdminDb.rows("select d.test, d.status, e.type, e.payload->>'message' as message, e.target_endpoint_ids[1] as target, e.source "
                + "from delivery d join event e on e.id = d.event_id where d.id = ?", delivery).getFirst();
        assertEquals(true, row.get("test"));
        assertEquals("PENDING", row.get("status"));
        assertEquals("This is a test webhook delivery", row.get("message"));
        assertEquals(id, row.get("target"), "the event reaches this endpoint only");
        assertEquals(0, AdminDb.rows("select 1 from outbox where event_id = ?", event).size(), "never fanned out to subscribers");
        assertTrue(DeadLetterResourceTest.queuedWith(delivery, "test"));
        as(key).get("/api/v1/webhooks/" + id + "/deliveries").then().body("data[0].id", equalTo(delivery)).body("data[0].test", equalTo(true));
    }

    /** The admin function and API Gateway stop at 30 s: a 30 s endpoint timeout must not hold the answer that long. */
    @Test
    void aTestOfASlowEndpointAnswersWithinTheWaitCap() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        String slow = create(key, Map.of("url", "http://127.0.0.1:9/slow", "events", List.of("*"), "timeoutMs", 30000));
        String quick = create(key, Map.of("url", "http://127.0.0.1:9/quick", "events", List.of("*"), "timeoutMs", 1000));
        long started = System.nanoTime();
        as(key).post("/api/v1/webhooks/" + slow + "/test").then().statusCode(202).body("status", equalTo("PENDING"));
        long slowMs = (System.nanoTime() - started) / 1_000_000;
        started = System.nanoTime();
        as(key).post("/api/v1/webhooks/" + quick + "/test").then().statusCode(202);
        long quickMs = (System.nanoTime() - started) / 1_000_000;
        // test profile: margin 1 s, cap 3 s. The 30 s endpoint waits the cap, not 31 s; the control waits its own 2 s.
        assertTrue(slowMs >= 2_900 && slowMs < 15_000, "waited " + slowMs + " ms");
        assertTrue(quickMs >= 1_900 && quickMs < slowMs, "the control waited " + quickMs + " ms");
    }

    @Test
    void anyCatalogueTypeMayBeTestedWithItsExampleOrTheCallersData() throws Exception {
        String org = AdminDb.tenant();
        String id = create(ADMIN_KEY, Map.of("orgId", org, "url", "http://127.0.0.1:9/t2", "events", List.of("*"), "timeoutMs", 1000));
        String delivery = as(ADMIN_KEY).body(Map.of("event", "level_up")).post("/api/v1/webhooks/" + id + "/test").then().statusCode(202)
                .body("event", equalTo("user.level_up")).extract().path("deliveryId");
        assertEquals("user.level_up", AdminDb.rows("select e.type from delivery d join event e on e.id = d.event_id where d.id = ?", delivery)
                .getFirst().get("type"));
        String custom = as(ADMIN_KEY).body(Map.of("testData", Map.of("message", "hello from seed 000"))).post("/api/v1/webhooks/" + id + "/test")
                .then().statusCode(202).extract().path("deliveryId");
        assertEquals("hello from seed 000", AdminDb.rows("select e.payload->>'message' as m from delivery d join event e on e.id = d.event_id where d.id = ?",
                custom).getFirst().get("m"));
        as(ADMIN_KEY).body(Map.of("test_payload", Map.of("message", "hello from seed 004"))).post("/api/v1/webhooks/" + id + "/test")
                .then().statusCode(202);
    }

    @Test
    void badTestsAreRefusedAndOthersEndpointsAreNotFound() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        String id = create(key, Map.of("url", "http://127.0.0.1:9/t3", "events", List.of("deposit.confirmed")));
        as(key).body(Map.of("event", "no.such_type")).post("/api/v1/webhooks/" + id + "/test").then().statusCode(422)
                .body("errors[0].field", equalTo("event"));
        as(key).body(Map.of("data", Map.of("message", 42))).post("/api/v1/webhooks/" + id + "/test").then().statusCode(422)
                .body("errors[0].field", equalTo("data.message"));
        String other = AdminDb.tenantKey(AdminDb.tenant());
        as(other).post("/api/v1/webhooks/" + id + "/test").then().statusCode(404).body("code", equalTo("not_found"));
        as(key).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as(key).post("/api/v1/webhooks/" + id + "/test").then().statusCode(404);
        assertEquals(0, AdminDb.rows("select 1 from delivery where endpoint_id = ? and test", id).size());
    }
}
