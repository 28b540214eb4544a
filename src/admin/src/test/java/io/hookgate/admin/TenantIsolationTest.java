package io.hookgate.admin;

import io.hookgate.core.Ids;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.as;
import static io.hookgate.admin.EndpointResourceTest.create;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every route that takes an id, called by tenant B with tenant A's ids: 404 {@code not_found} each time, the same
 * answer as for an id that does not exist, and nothing of A's changes.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class TenantIsolationTest {

    record Call(String method, String path, Object body) {
    }

    @Test
    void tenantBGets404ForEveryOneOfTenantAsResources() throws Exception {
        String orgA = AdminDb.tenant();
        String keyA = AdminDb.tenantKey(orgA);
        String endpoint = create(keyA, Map.of("url", "http://127.0.0.1:9/isolated", "events", List.of("deposit.confirmed"), "description", "A's"));
        String event = Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'deposit.confirmed', '{}', 'test')", event, orgA);
        String delivery = Ids.next("dlv");
        AdminDb.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status, attempt_count) values (?, ?, ?, ?, 'RETRY_EXHAUSTED', 5)",
                delivery, orgA, event, endpoint);
        String keyIdA = (String) AdminDb.rows("select id from api_key where tenant_id = ?", orgA).getFirst().get("id");
        String keyB = AdminDb.tenantKey(AdminDb.tenant());

        List<Call> calls = List.of(
                new Call("GET", "/api/v1/webhooks/" + endpoint, null),
                new Call("PATCH", "/api/v1/webhooks/" + endpoint, Map.of("description", "B's")),
                new Call("PUT", "/api/v1/webhooks/" + endpoint, Map.of("url", "http://127.0.0.1:9/b", "events", List.of("*"))),
                new Call("DELETE", "/api/v1/webhooks/" + endpoint, null),
                new Call("GET", "/api/v1/webhooks/" + endpoint + "/deliveries", null),
                new Call("GET", "/api/v1/webhooks/" + endpoint + "/dead-letters", null),
                new Call("POST", "/api/v1/webhooks/" + endpoint + "/dead-letters/retry", null),
                new Call("POST", "/api/v1/webhooks/" + endpoint + "/recover?since=2020-01-01T00:00:00Z", null),
                new Call("POST", "/api/v1/webhooks/" + endpoint + "/rotate-secret", Map.of()),
                new Call("POST", "/api/v1/webhooks/" + endpoint + "/enable", null),
                new Call("POST", "/api/v1/webhooks/" + endpoint + "/disable", null),
                new Call("POST", "/api/v1/webhooks/" + endpoint + "/test", Map.of()),
                new Call("GET", "/api/v1/webhooks/" + endpoint + "/stats", null),
                new Call("GET", "/api/v1/webhooks/" + endpoint + "/analytics", null),
                new Call("GET", "/api/v1/deliveries/" + delivery, null),
                new Call("POST", "/api/v1/deliveries/" + delivery + "/retry", null),
                new Call("GET", "/api/v1/events/" + event, null),
                new Call("POST", "/api/v1/events/" + event + "/replay", null),
                new Call("GET", "/api/v1/api-keys/" + keyIdA, null),
                new Call("POST", "/api/v1/api-keys/" + keyIdA + "/rotate", Map.of()),
                new Call("DELETE", "/api/v1/api-keys/" + keyIdA, null),
                new Call("GET", "/api/v1/tenants/" + orgA, null),
                new Call("PATCH", "/api/v1/tenants/" + orgA, Map.of("name", "taken over")));
        for (Call call : calls) {
            var request = as(keyB);
            if (call.body() != null) {
                request.body(call.body());
            }
            request.request(call.method(), call.path()).then().statusCode(404).body("code", equalTo("not_found"));
        }

        as(keyA).get("/api/v1/webhooks/" + endpoint).then().statusCode(200).body("description", equalTo("A's")).body("active", equalTo(true));
        as(keyA).get("/api/v1/api-keys/" + keyIdA).then().statusCode(200);
        assertEquals("RETRY_EXHAUSTED", AdminDb.rows("select status from delivery where id = ?", delivery).getFirst().get("status"));
        assertEquals(0, AdminDb.rows("select 1 from delivery where endpoint_id = ? and test", endpoint).size());
        assertEquals("Test org " + orgA, AdminDb.rows("select name from tenant where id = ?", orgA).getFirst().get("name"));
    }
}
