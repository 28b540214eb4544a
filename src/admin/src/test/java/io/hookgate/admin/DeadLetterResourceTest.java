package io.hookgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static io.hookgate.admin.EndpointResourceTest.create;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class DeadLetterResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<JsonNode> QUEUED = new ArrayList<>();

    /** Every deliver message on the deliveries queue so far, drained and remembered. */
    static List<JsonNode> queued() throws Exception {
        var queues = DevStack.shared().queues();
        while (true) {
            var messages = queues.client().receiveMessage(b -> b.queueUrl(queues.deliveriesUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            if (messages.isEmpty()) {
                return QUEUED;
            }
            for (var m : messages) {
                QUEUED.add(JSON.readTree(m.body()));
                queues.client().deleteMessage(b -> b.queueUrl(queues.deliveriesUrl()).receiptHandle(m.receiptHandle()));
            }
        }
    }

    static boolean queuedWith(String deliveryId, String trigger) throws Exception {
        return queued().stream().anyMatch(m -> deliveryId.equals(m.path("deliveryId").asText()) && trigger.equals(m.path("trigger").asText()));
    }

    record Fixture(String org, String key, String endpoint, String event) {
    }

    static Fixture fixture() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String endpoint = create(key, Map.of("url", "http://127.0.0.1:9/dl", "events", List.of("user.*")));
        String event = Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'user.created', '{}', 'test')", event, org);
        return new Fixture(org, key, endpoint, event);
    }

    static String delivery(Fixture f, String event, String status, String updatedAt) throws Exception {
        String id = Ids.next("dlv");
        AdminDb.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status, attempt_count, updated_at) values (?, ?, ?, ?, ?, 8, ?::timestamptz)",
                id, f.org(), event, f.endpoint(), status, updatedAt);
        return id;
    }

    static String event(Fixture f) throws Exception {
        String event = Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'user.updated', '{}', 'test')", event, f.org());
        return event;
    }

    static String status(String delivery) throws Exception {
        return (String) AdminDb.rows("select status from delivery where id = ?", delivery).getFirst().get("status");
    }

    @Test
    void deadLettersAreListedAndOneCanBeRetriedByHand() throws Exception {
        Fixture f = fixture();
        String dead = delivery(f, f.event(), "RETRY_EXHAUSTED", "2025-01-01T00:00:00Z");
        delivery(f, event(f), "SUCCESS", "2025-01-01T00:00:00Z");

        as(f.key()).get("/api/v1/webhooks/" + f.endpoint() + "/dead-letters").then().statusCode(200)
                .body("data", hasSize(1)).body("data[0].id", equalTo(dead)).body("data[0].status", equalTo("RETRY_EXHAUSTED"));
        as(f.key()).get("/api/v1/deliveries/" + dead).then().statusCode(200).body("id", equalTo(dead))
                .body("status", equalTo("RETRY_EXHAUSTED")).body("endpointId", equalTo(f.endpoint())).body("eventId", equalTo(f.event()));
        as(f.key()).post("/api/v1/deliveries/" + dead + "/retry").then().statusCode(202).body("requeued", equalTo(1));
        assertEquals("PENDING", status(dead));
        assertTrue(queuedWith(dead, "manual"), "a deliver message with the manual trigger is on the queue");
        as(f.key()).post("/api/v1/deliveries/" + dead + "/retry").then().statusCode(409).body("code", equalTo("not_dead_lettered"));
    }

    @Test
    void retryAllAndRecoverSinceRequeueOnlyDeadLetters() throws Exception {
        Fixture f = fixture();
        String old = delivery(f, f.event(), "RETRY_EXHAUSTED", "2025-01-01T00:00:00Z");
        String recent = delivery(f, event(f), "RETRY_EXHAUSTED", "2025-06-01T00:00:00Z");
        String retrying = delivery(f, event(f), "FAILED", "2025-06-01T00:00:00Z");

        as(f.key()).post("/api/v1/webhooks/" + f.endpoint() + "/recover?since=2025-03-01T00:00:00Z").then().statusCode(202)
                .body("requeued", equalTo(1)).body("deliveryIds", equalTo(List.of(recent)));
        assertTrue(queuedWith(recent, "recover"));
        assertEquals("RETRY_EXHAUSTED", status(old));
        as(f.key()).post("/api/v1/webhooks/" + f.endpoint() + "/dead-letters/retry").then().statusCode(202)
                .body("requeued", equalTo(1)).body("deliveryIds", equalTo(List.of(old)));
        assertEquals("FAILED", status(retrying), "a delivery still retrying keeps its own schedule");
        as(f.key()).post("/api/v1/webhooks/" + f.endpoint() + "/recover?since=yesterday").then().statusCode(422)
                .body("errors[0].field", equalTo("since"));
    }

    @Test
    void anEventIsReplayedToItsCurrentSubscriptionsIncludingNewOnes() throws Exception {
        Fixture f = fixture();
        String delivered = delivery(f, f.event(), "SUCCESS", "2025-01-01T00:00:00Z");
        String later = create(f.key(), Map.of("url", "http://127.0.0.1:9/later", "events", List.of("user.created")));

        as(f.key()).post("/api/v1/events/" + f.event() + "/replay").then().statusCode(202).body("requeued", equalTo(2));
        assertEquals("PENDING", status(delivered));
        String created = (String) AdminDb.rows("select id from delivery where event_id = ? and endpoint_id = ?", f.event(), later).getFirst().get("id");
        assertTrue(queuedWith(delivered, "replay"));
        assertTrue(queuedWith(created, "replay"));
    }

    @Test
    void anotherTenantsDeliveriesAndEventsAre404() throws Exception {
        Fixture f = fixture();
        String dead = delivery(f, f.event(), "RETRY_EXHAUSTED", "2025-01-01T00:00:00Z");
        String stranger = AdminDb.tenantKey(AdminDb.tenant());
        as(stranger).post("/api/v1/deliveries/" + dead + "/retry").then().statusCode(404);
        as(stranger).get("/api/v1/deliveries/" + dead).then().statusCode(404).body("code", equalTo("not_found"));
        as(ADMIN_KEY).get("/api/v1/deliveries/" + dead).then().statusCode(200).body("id", equalTo(dead));
        as(stranger).post("/api/v1/events/" + f.event() + "/replay").then().statusCode(404);
        as(stranger).get("/api/v1/webhooks/" + f.endpoint() + "/dead-letters").then().statusCode(404);
        as(ADMIN_KEY).get("/api/v1/webhooks/" + f.endpoint() + "/dead-letters").then().statusCode(200);
        assertEquals("RETRY_EXHAUSTED", status(dead));
    }

    @Test
    void deliveriesAcrossEndpointsAreListedFilteredPagedAndKeptToTheOrganisation() throws Exception {
        Fixture f = fixture();
        String second = create(f.key(), Map.of("url", "http://127.0.0.1:9/second", "events", List.of("user.*")));
        String first = delivery(f, f.event(), "SUCCESS", "2025-01-01T00:00:00Z");
        Thread.sleep(3); // ids order by their millisecond
        String onSecond = delivery(new Fixture(f.org(), f.key(), second, f.event()), event(f), "RETRY_EXHAUSTED", "2025-01-01T00:00:00Z");
        Fixture stranger = fixture();
        String theirs = delivery(stranger, stranger.event(), "SUCCESS", "2025-01-01T00:00:00Z");

        as(f.key()).get("/api/v1/deliveries").then().statusCode(200)
                .body("data.id", equalTo(List.of(onSecond, first))).body("data[0].endpointId", equalTo(second))
                .body("data[0].event", equalTo("user.updated"));
        as(f.key()).get("/api/v1/deliveries?status=RETRY_EXHAUSTED").then().statusCode(200).body("data.id", equalTo(List.of(onSecond)));
        as(f.key()).get("/api/v1/deliveries?event=user.created").then().statusCode(200).body("data.id", equalTo(List.of(first)));
        as(f.key()).get("/api/v1/deliveries?endpointId=" + f.endpoint()).then().statusCode(200).body("data.id", equalTo(List.of(first)));
        String cursor = as(f.key()).get("/api/v1/deliveries?limit=1").then().statusCode(200).body("data.id", equalTo(List.of(onSecond)))
                .body("hasMore", equalTo(true)).extract().path("nextCursor");
        as(f.key()).get("/api/v1/deliveries?limit=1&starting_after=" + cursor).then().statusCode(200)
                .body("data.id", equalTo(List.of(first))).body("hasMore", equalTo(false));

        as(stranger.key()).get("/api/v1/deliveries").then().statusCode(200).body("data.id", equalTo(List.of(theirs)));
        as(stranger.key()).get("/api/v1/deliveries?endpointId=" + f.endpoint()).then().statusCode(200).body("data", hasSize(0));
        as(stranger.key()).get("/api/v1/deliveries?orgId=" + f.org()).then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(ADMIN_KEY).get("/api/v1/deliveries?orgId=" + f.org()).then().statusCode(200).body("data.id", equalTo(List.of(onSecond, first)));
        as(f.key()).get("/api/v1/deliveries?status=LOST").then().statusCode(422);
        as(f.key()).get("/api/v1/deliveries?since=yesterday").then().statusCode(422).body("errors[0].field", equalTo("since"));
    }

    @Test
    void deadLettersAcrossEndpointsAreRecoveredSinceATimeAndOnlyTheOrganisations() throws Exception {
        Fixture f = fixture();
        Fixture second = new Fixture(f.org(), f.key(), create(f.key(), Map.of("url", "http://127.0.0.1:9/second", "events", List.of("user.*"))), f.event());
        String oldFirst = delivery(f, f.event(), "RETRY_EXHAUSTED", "2025-01-01T00:00:00Z");
        String recentFirst = delivery(f, event(f), "RETRY_EXHAUSTED", "2025-06-01T00:00:00Z");
        String recentSecond = delivery(second, event(f), "RETRY_EXHAUSTED", "2025-06-01T00:00:00Z");
        String retrying = delivery(second, event(f), "FAILED", "2025-06-01T00:00:00Z");
        Fixture stranger = fixture();
        String theirs = delivery(stranger, stranger.event(), "RETRY_EXHAUSTED", "2025-06-01T00:00:00Z");
        Fixture deleted = new Fixture(f.org(), f.key(), create(f.key(), Map.of("url", "http://127.0.0.1:9/gone", "events", List.of("user.*"))), f.event());
        String ofDeleted = delivery(deleted, event(f), "RETRY_EXHAUSTED", "2025-06-01T00:00:00Z");
        as(f.key()).delete("/api/v1/webhooks/" + deleted.endpoint()).then().statusCode(204);

        as(f.key()).post("/api/v1/deliveries/retry?since=2025-03-01T00:00:00Z").then().statusCode(202)
                .body("requeued", equalTo(2)).body("deliveryIds", org.hamcrest.Matchers.containsInAnyOrder(recentFirst, recentSecond));
        assertTrue(queuedWith(recentSecond, "recover"));
        assertEquals("RETRY_EXHAUSTED", status(oldFirst), "failed before the time asked");
        assertEquals("RETRY_EXHAUSTED", status(theirs), "another organisation's dead letter");
        assertEquals("RETRY_EXHAUSTED", status(ofDeleted), "a deleted endpoint's dead letter");
        assertEquals("FAILED", status(retrying), "a delivery still retrying keeps its own schedule");

        as(stranger.key()).post("/api/v1/deliveries/retry?endpointId=" + f.endpoint()).then().statusCode(404);
        assertEquals("RETRY_EXHAUSTED", status(oldFirst));
        as(f.key()).post("/api/v1/deliveries/retry?since=last-week").then().statusCode(422).body("errors[0].field", equalTo("since"));
        as(f.key()).post("/api/v1/deliveries/retry?endpointId=" + f.endpoint()).then().statusCode(202)
                .body("requeued", equalTo(1)).body("deliveryIds", equalTo(List.of(oldFirst)));
        assertTrue(queuedWith(oldFirst, "manual"));
        as(ADMIN_KEY).post("/api/v1/deliveries/retry?orgId=" + stranger.org()).then().statusCode(202)
                .body("deliveryIds", equalTo(List.of(theirs)));
    }
}
