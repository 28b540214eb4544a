package io.hookgate.admin;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.event.EmitEventRequest;
import io.hookgate.admin.event.EventService;
import io.hookgate.core.Blocking;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class EventResourceTest {

    static final Map<String, Object> USER = Map.of("user_id", 123, "email", "user@example.com", "username", "newuser",
            "created_at", "2025-01-26T12:00:00Z");

    @Inject
    EventService events;

    @Test
    void aTenantEmitsACatalogueEventThatIsStoredWithItsOutboxRow() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String id = as(key).body(Map.of("type", "user_registered", "data", USER)).post("/api/v1/events").then().statusCode(202)
                .header("Idempotent-Replayed", nullValue())
                .body("id", startsWith("evt_")).body("orgId", equalTo(org)).body("type", equalTo("user.created"))
                .body("data.email", equalTo("user@example.com")).body("source", equalTo("api")).body("createdAt", notNullValue())
                .extract().path("id");
        assertEquals(1, AdminDb.rows("select 1 from outbox where event_id = ?", id).size(), "fanned out after the commit via the outbox");
        as(key).get("/api/v1/events/" + id).then().statusCode(200).body("type", equalTo("user.created"));
        as(key).get("/api/v1/events?type=user.created").then().statusCode(200).body("data.id", hasItem(id));
        as(AdminDb.tenantKey(AdminDb.tenant())).get("/api/v1/events/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        as(AdminDb.tenantKey(AdminDb.tenant())).get("/api/v1/events").then().statusCode(200).body("data.id", not(hasItem(id)));
    }

    @Test
    void invalidEventsNameTheFieldToFix() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        as(key).body(Map.of("type", "no.such_type", "data", Map.of())).post("/api/v1/events").then().statusCode(422)
                .body("errors[0].field", equalTo("type"));
        as(key).body(Map.of("type", "user.created", "data", Map.of("user_id", 1))).post("/api/v1/events").then().statusCode(422)
                .body("errors[0].field", equalTo("data")).body("errors[0].message", org.hamcrest.Matchers.containsString("email"));
        as(key).body(Map.of("type", "user.created")).post("/api/v1/events").then().statusCode(422).body("errors[0].field", equalTo("data"));
        as(key).body(Map.of("type", "user.created", "data", USER, "orgId", "org_someone_else")).post("/api/v1/events").then().statusCode(422)
                .body("errors[0].field", equalTo("orgId"));
        as(key).header("Idempotency-Key", "k".repeat(256)).body(Map.of("type", "user.created", "data", USER)).post("/api/v1/events").then().statusCode(400)
                .body("code", equalTo("invalid_idempotency_key"));
    }

    /** Events that could be stored but not delivered are refused when submitted, naming the field; old rows never break a list. */
    @Test
    void anEventThatCouldNotBeDeliveredIsRefusedAndAStoredOneNeverBreaksTheList() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String user = "\"user_id\":123,\"email\":\"user@example.com\",\"username\":\"n\",\"created_at\":\"2025-01-26T12:00:00Z\"";
        as(key).body("{\"type\":\"user.created\",\"data\":{" + user + ",\"amount\":1e200}}").post("/api/v1/events").then().statusCode(422)
                .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("data.amount"))
                .body("errors[0].message", containsString("digits"));
        // beyond what any document may hold: refused by the input boundary before the catalogue sees it
        as(key).body("{\"type\":\"user.created\",\"data\":{" + user + ",\"amount\":1e1000}}").post("/api/v1/events").then().statusCode(400)
                .body("code", equalTo("invalid_json")).body("detail", containsString("exponent"));
        String deep = "{\"n\":".repeat(33) + "1" + "}".repeat(33);
        as(key).body("{\"type\":\"user.created\",\"data\":{" + user + ",\"nested\":" + deep + "}}").post("/api/v1/events").then().statusCode(422)
                .body("errors[0].field", startsWith("data.nested.n.n")).body("errors[0].message", containsString("nested deeper"));
        as(key).body("{\"type\":\"user.created\",\"data\":{" + user + ",\"note\":\"a\\u0000b\"}}").post("/api/v1/events").then().statusCode(400)
                .body("code", equalTo("invalid_json")).body("detail", containsString("NUL"));
        // The control: the same event within the limits is accepted.
        as(key).body("{\"type\":\"user.created\",\"data\":{" + user + ",\"amount\":1e10,\"nested\":" + "{\"n\":".repeat(10) + "1" + "}".repeat(10) + "}}")
                .post("/api/v1/events").then().statusCode(202);

        // A row stored before the limits existed: the list still answers, with that event's data left out.
        String legacy = io.hookgate.core.Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'user.created', ?::jsonb, 'api')",
                legacy, org, "{\"n\":".repeat(999) + "1" + "}".repeat(999));
        String huge = io.hookgate.core.Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'user.created', '{\"amount\":1e1000}'::jsonb, 'api')",
                huge, org);
        as(key).get("/api/v1/events").then().statusCode(200).body("data.id", hasItem(legacy)).body("data.id", hasItem(huge))
                .body("data.find { it.id == '" + legacy + "' }.data", nullValue())
                .body("data.find { it.id == '" + huge + "' }.data", nullValue());
        as(key).get("/api/v1/events/" + legacy).then().statusCode(200).body("data", nullValue());
        as(key).get("/api/v1/events/" + huge).then().statusCode(200).body("data", nullValue());
    }

    @Test
    void anIdempotencyKeyReturnsTheFirstEventForTheSameRequestAndRefusesADifferentOne() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String idem = "order-" + UUID.randomUUID();
        String first = as(key).header("Idempotency-Key", idem).body(Map.of("type", "user.created", "data", USER))
                .post("/api/v1/events").then().statusCode(202).extract().path("id");
        // The same request with its fields in another order is the same request.
        String reordered = "{\"data\":{\"username\":\"newuser\",\"created_at\":\"2025-01-26T12:00:00Z\",\"email\":\"user@example.com\",\"user_id\":123},"
                + "\"type\":\"user.created\"}";
        as(key).header("Idempotency-Key", idem).body(reordered).post("/api/v1/events").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        as(key).header("Idempotency-Key", idem).body(Map.of("type", "user.created", "data", Map.of("user_id", 124, "email", "b@example.com",
                        "username", "other", "created_at", "2025-01-26T12:00:00Z")))
                .post("/api/v1/events").then().statusCode(422).body("code", equalTo("idempotency_key_reused"));
        assertEquals(1, AdminDb.rows("select 1 from event where tenant_id = ?", org).size());
        // Keys belong to one organisation: another may use the same one.
        as(ADMIN_KEY).header("Idempotency-Key", idem).body(Map.of("type", "user.created", "data", USER, "orgId", AdminDb.tenant()))
                .post("/api/v1/events").then().statusCode(202).header("Idempotent-Replayed", nullValue()).body("id", not(equalTo(first)));
        // After 24 hours the key may be used again.
        AdminDb.update("update idempotency_key set created_at = now() - interval '25 hours' where tenant_id = ? and key = ?", org, idem);
        as(key).header("Idempotency-Key", idem).body(Map.of("type", "user.created", "data", USER)).post("/api/v1/events").then()
                .statusCode(202).header("Idempotent-Replayed", nullValue()).body("id", not(equalTo(first)));
    }

    /** Twenty copies of one request at once, each in its own transaction and connection: one event. */
    @Test
    void concurrentRequestsWithOneKeyCreateOneEvent() throws Exception {
        String org = AdminDb.tenant();
        Caller caller = new Caller("key_test", org, false);
        String idem = "race-" + UUID.randomUUID();
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> Blocking.await(() -> events.emit(caller, new EmitEventRequest("user.created",
                    new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(USER), null), idem)).event().id());
        }
        Set<String> ids = new HashSet<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<String> f : pool.invokeAll(calls)) {
                ids.add(f.get());
            }
        }
        assertEquals(1, ids.size());
        assertEquals(1, AdminDb.rows("select 1 from event where tenant_id = ?", org).size());
    }
}
