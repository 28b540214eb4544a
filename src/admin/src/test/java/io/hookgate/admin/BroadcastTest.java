package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin side of realtime: broadcasts are stored as realtime events; tokens may grant private rooms. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class BroadcastTest {

    @Test
    void anAdminBroadcastIsStoredAsARealtimeEvent() throws Exception {
        String id = as(ADMIN_KEY).body(Map.of("type", "system_announcement", "data", Map.of("message", "Maintenance in 1 hour")))
                .post("/api/v1/realtime/broadcast").then().statusCode(202).body("id", startsWith("evt_")).extract().path("id");
        var row = AdminDb.rows("select type, realtime, room, user_id, payload->>'message' as message, source from event where id = ?", id).getFirst();
        assertEquals("system_announcement", row.get("type"));
        assertEquals(true, row.get("realtime"));
        assertEquals("Maintenance in 1 hour", row.get("message"));
        assertEquals(0, AdminDb.rows("select 1 from outbox where event_id = ?", id).size(), "never fanned out to webhooks");

        String roomMessage = as(ADMIN_KEY).body(Map.of("type", "new_message", "room", "general", "data", Map.of("message", Map.of("text", "hello"))))
                .post("/api/v1/realtime/broadcast").then().statusCode(202).extract().path("id");
        assertEquals("general", AdminDb.rows("select room from event where id = ?", roomMessage).getFirst().get("room"));
    }

    @Test
    void broadcastsAreAdminOnlyAndValidated() throws Exception {
        String tenantKey = AdminDb.tenantKey(AdminDb.tenant());
        as(tenantKey).body(Map.of("type", "system_announcement", "data", Map.of("message", "x"))).post("/api/v1/realtime/broadcast")
                .then().statusCode(403).body("code", equalTo("admin_only"));
        as(ADMIN_KEY).body(Map.of("type", "auth_success", "data", Map.of())).post("/api/v1/realtime/broadcast").then().statusCode(422)
                .body("errors[0].field", equalTo("type"));
        as(ADMIN_KEY).body(Map.of("type", "new_message", "data", List.of(1))).post("/api/v1/realtime/broadcast").then().statusCode(422)
                .body("errors[0].field", equalTo("data"));
        as(ADMIN_KEY).body(Map.of("type", "new_message", "room", "Bad Room", "data", Map.of())).post("/api/v1/realtime/broadcast").then()
                .statusCode(422).body("errors[0].field", equalTo("room"));
    }

    @Test
    void realtimeTokensMayGrantPrivateRooms() {
        as(ADMIN_KEY).body(Map.of("userId", "123", "rooms", List.of("vip", "staff"))).post("/api/v1/realtime/tokens").then().statusCode(201)
                .body("userId", equalTo("123"));
        as(ADMIN_KEY).body(Map.of("userId", "123", "rooms", List.of("VIP!"))).post("/api/v1/realtime/tokens").then().statusCode(422)
                .body("errors[0].field", startsWith("rooms"));
    }
}
