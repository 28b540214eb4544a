package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static io.hookgate.admin.EndpointResourceTest.create;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** PATCH, PUT, DELETE and list filters of {@code /api/v1/webhooks}, with their validation and tenant isolation. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class EndpointChangeTest {

    static Map<String, Object> endpoint(String org, String url, List<String> events) {
        return new HashMap<>(Map.of("orgId", org, "url", url, "events", events));
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNamesAndNullRestoresADefault() throws Exception {
        String org = AdminDb.tenant();
        Map<String, Object> body = endpoint(org, "http://127.0.0.1:9/patch", List.of("deposit.confirmed"));
        body.put("timeoutMs", 5000);
        body.put("headers", Map.of("X-Team", "payments"));
        body.put("description", "before");
        String id = create(ADMIN_KEY, body);

        as(ADMIN_KEY).body(Map.of("description", "after", "events", List.of("level_up", "wallet.*"))).patch("/api/v1/webhooks/" + id)
                .then().statusCode(200).body("description", equalTo("after")).body("events", equalTo(List.of("user.level_up", "wallet.*")))
                .body("timeoutMs", equalTo(5000)).body("headers.X-Team", equalTo("payments")).body("url", equalTo("http://127.0.0.1:9/patch"));
        Map<String, Object> reset = new HashMap<>();
        reset.put("timeoutMs", null);
        reset.put("headers", null);
        as(ADMIN_KEY).body(reset).patch("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("timeoutMs", equalTo(10000)).body("headers.size()", equalTo(0)).body("description", equalTo("after"));
        as(ADMIN_KEY).get("/api/v1/webhooks/" + id).then().body("timeoutMs", equalTo(10000)).body("description", equalTo("after"));
    }

    /**
     * A URL reaching a destination the organisation forbids is refused when registered or changed, not only at each
     * attempt; another organisation, without that policy, registers the same URL (the control), and a tenant key cannot
     * learn another organisation's policy by changing its endpoint (404 first).
     */
    @Test
    void aUrlTheOrganisationForbidsIsRefusedWhenRegisteredOrChanged() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String mine = create(ADMIN_KEY, endpoint(org, "http://127.0.0.1:9/before", List.of("deposit.confirmed")));
        as(key).body(Map.of("blockedDestinations", List.of("127.0.0.0/8", "2001:db8::/32"))).put("/api/v1/outbound-policy").then().statusCode(200);
        as(key).body(Map.of("url", "http://127.0.0.1:9/forbidden", "events", List.of("deposit.confirmed"))).post("/api/v1/webhooks")
                .then().statusCode(422).body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("127.0.0.1, a destination the organisation forbids"))
                .body("requestId", startsWith("req_"));
        as(ADMIN_KEY).body(endpoint(org, "http://[2001:db8::7]:9/forbidden", List.of("deposit.confirmed"))).post("/api/v1/webhooks")
                .then().statusCode(422).body("errors[0].message", containsString("2001:db8:0:0:0:0:0:7, a destination the organisation forbids"));
        assertEquals(1, AdminDb.rows("select 1 from endpoint where tenant_id = ?", org).size(), "nothing written");

        String other = AdminDb.tenant();
        String allowed = create(ADMIN_KEY, endpoint(other, "http://127.0.0.1:9/forbidden", List.of("deposit.confirmed")));
        as(ADMIN_KEY).get("/api/v1/webhooks/" + allowed).then().statusCode(200).body("url", equalTo("http://127.0.0.1:9/forbidden"));

        // the endpoint registered before the policy named its address: moving it within the forbidden range is refused
        // (a PUT is vetted like a PATCH); an edit that leaves the URL alone is not vetted
        as(key).body(Map.of("url", "http://127.0.0.2:9/moved")).patch("/api/v1/webhooks/" + mine).then().statusCode(422)
                .body("errors[0].field", equalTo("url"));
        as(key).body(Map.of("url", "http://127.0.0.2:9/moved", "events", List.of("deposit.confirmed"))).put("/api/v1/webhooks/" + mine)
                .then().statusCode(422).body("errors[0].field", equalTo("url"));
        as(key).body(Map.of("description", "no new URL, no lookup")).patch("/api/v1/webhooks/" + mine).then().statusCode(200);
        as(key).get("/api/v1/webhooks/" + mine).then().body("url", equalTo("http://127.0.0.1:9/before"))
                .body("description", equalTo("no new URL, no lookup"));
        // another organisation's endpoint: not found, before its policy is looked at
        as(AdminDb.tenantKey(other)).body(Map.of("url", "http://127.0.0.3:9/x")).patch("/api/v1/webhooks/" + mine).then().statusCode(404);
    }

    @Test
    void aPatchIsValidatedLikeACreation() throws Exception {
        String id = create(ADMIN_KEY, endpoint(AdminDb.tenant(), "http://127.0.0.1:9/v", List.of("deposit.confirmed")));
        as(ADMIN_KEY).body(Map.of("timeoutMs", 50)).patch("/api/v1/webhooks/" + id).then().statusCode(422)
                .body("code", equalTo("validation_failed")).body("errors[0].field", equalTo("timeoutMs"));
        as(ADMIN_KEY).body(Map.of("events", List.of("no.such_event"))).patch("/api/v1/webhooks/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("events[0]"));
        as(ADMIN_KEY).body(Map.of("url", "ftp://example.com/x")).patch("/api/v1/webhooks/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("url"));
        as(ADMIN_KEY).body(Map.of("secret", "whsec_mine", "orgId", "org_other")).patch("/api/v1/webhooks/" + id).then().statusCode(422)
                .body("errors.field", hasItem("secret")).body("errors.field", hasItem("orgId"));
        as(ADMIN_KEY).body(Map.of("timeoutMs", "soon")).patch("/api/v1/webhooks/" + id).then().statusCode(422)
                .body("detail", containsString("wrong type"));
        as(ADMIN_KEY).body("[1]").patch("/api/v1/webhooks/" + id).then().statusCode(400).body("code", equalTo("invalid_json"));
        as(ADMIN_KEY).get("/api/v1/webhooks/" + id).then().body("timeoutMs", equalTo(10000)).body("url", equalTo("http://127.0.0.1:9/v"));
    }

    @Test
    void aPutReplacesEverySettingButKeepsIdentitySecretAndHistory() throws Exception {
        String org = AdminDb.tenant();
        Map<String, Object> body = endpoint(org, "http://127.0.0.1:9/put", List.of("deposit.confirmed"));
        body.put("description", "first");
        body.put("timeoutMs", 3000);
        String id = create(ADMIN_KEY, body);
        Object secretBefore = AdminDb.rows("select secret_ciphertext from endpoint where id = ?", id).getFirst().get("secret_ciphertext");

        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/put2", "events", List.of("user.*"))).put("/api/v1/webhooks/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("orgId", equalTo(org)).body("url", equalTo("http://127.0.0.1:9/put2"))
                .body("events", equalTo(List.of("user.*"))).body("description", nullValue()).body("timeoutMs", equalTo(10000))
                .body("secret", nullValue());
        assertEquals(secretBefore, AdminDb.rows("select secret_ciphertext from endpoint where id = ?", id).getFirst().get("secret_ciphertext"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/put3")).put("/api/v1/webhooks/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("events"));
        as(ADMIN_KEY).body(Map.of("url", "http://127.0.0.1:9/put3", "events", List.of("user.*"), "orgId", "org_x")).put("/api/v1/webhooks/" + id)
                .then().statusCode(422).body("errors[0].field", equalTo("orgId"));
    }

    @Test
    void aTelegramTokenLeftOutOfAChangeIsKept() throws Exception {
        String org = AdminDb.tenant();
        String id = as(ADMIN_KEY).body(Map.of("orgId", org, "channel", "telegram", "url", "http://127.0.0.1:9/tg", "events", List.of(),
                        "channelConfig", Map.of("botToken", "123456:ABC-secret", "chatId", "-100")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        Object token = AdminDb.rows("select channel_token_ciphertext from endpoint where id = ?", id).getFirst().get("channel_token_ciphertext");
        as(ADMIN_KEY).body(Map.of("channelConfig", Map.of("chatId", "-200"))).patch("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("channelConfig.chatId", equalTo("-200")).body(not(containsString("ABC-secret")));
        assertEquals(token, AdminDb.rows("select channel_token_ciphertext from endpoint where id = ?", id).getFirst().get("channel_token_ciphertext"));
    }

    @Test
    void aDeletedEndpointDisappearsButItsDeliveriesStay() throws Exception {
        String org = AdminDb.tenant();
        String id = create(ADMIN_KEY, endpoint(org, "http://127.0.0.1:9/del", List.of("deposit.confirmed")));
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'deposit.confirmed', '{}', 'test')", "evt_del_" + id, org);
        AdminDb.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status) values (?, ?, ?, ?, 'SUCCESS')", "dlv_del_" + id, org, "evt_del_" + id, id);

        as(ADMIN_KEY).delete("/api/v1/webhooks/" + id).then().statusCode(204);
        as(ADMIN_KEY).get("/api/v1/webhooks/" + id).then().statusCode(404).body("code", equalTo("not_found"));
        as(ADMIN_KEY).delete("/api/v1/webhooks/" + id).then().statusCode(404);
        as(ADMIN_KEY).get("/api/v1/webhooks?limit=100").then().body("data.id", not(hasItem(id)));
        var row = AdminDb.rows("select active, deleted_at from endpoint where id = ?", id).getFirst();
        assertEquals(false, row.get("active"));
        assertNotNull(row.get("deleted_at"));
        assertEquals(1, AdminDb.rows("select 1 from delivery where endpoint_id = ?", id).size(), "deliveries are kept for history");
        // A deleted endpoint no longer counts against the organisation's limit.
        assertEquals(0L, AdminDb.rows("select count(*) as n from endpoint where tenant_id = ? and deleted_at is null", org).getFirst().get("n"));
    }

    @Test
    void listsFilterByActiveEventAndUrl() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String deposits = create(key, Map.of("url", "http://127.0.0.1:9/Billing/deposits", "events", List.of("deposit.confirmed")));
        String users = create(key, Map.of("url", "http://127.0.0.1:9/crm/users", "events", List.of("user.*")));
        String all = create(key, Map.of("url", "http://127.0.0.1:9/crm/all", "events", List.of("*"), "active", false));

        as(key).get("/api/v1/webhooks?event=deposit.confirmed").then().statusCode(200).body("data.id", equalTo(List.of(deposits, all)));
        as(key).get("/api/v1/webhooks?event=user.level_up").then().body("data.id", equalTo(List.of(users, all)));
        as(key).get("/api/v1/webhooks?event=level_up").then().body("data.id", equalTo(List.of(users, all)));
        as(key).get("/api/v1/webhooks?active=true").then().body("data.id", equalTo(List.of(deposits, users)));
        as(key).get("/api/v1/webhooks?active=false").then().body("data.id", equalTo(List.of(all)));
        as(key).get("/api/v1/webhooks?url=CRM").then().body("data.id", equalTo(List.of(users, all)));
        as(key).get("/api/v1/webhooks?url=billing&event=deposit.confirmed&active=true").then().body("data.id", equalTo(List.of(deposits)));
        as(key).get("/api/v1/webhooks?url=crm&limit=1").then().body("data.id", equalTo(List.of(users))).body("hasMore", equalTo(true));
        as(key).get("/api/v1/webhooks?active=yes").then().statusCode(422).body("errors[0].field", equalTo("active"));
    }

    @Test
    void anotherTenantsEndpointCannotBeChangedOrDeleted() throws Exception {
        String ownerKey = AdminDb.tenantKey(AdminDb.tenant());
        String otherKey = AdminDb.tenantKey(AdminDb.tenant());
        String id = create(ownerKey, Map.of("url", "http://127.0.0.1:9/mine", "events", List.of("deposit.confirmed")));
        as(otherKey).body(Map.of("description", "x")).patch("/api/v1/webhooks/" + id).then().statusCode(404);
        as(otherKey).body(Map.of("url", "http://127.0.0.1:9/x", "events", List.of("user.*"))).put("/api/v1/webhooks/" + id).then().statusCode(404);
        as(otherKey).delete("/api/v1/webhooks/" + id).then().statusCode(404);
        as(ownerKey).get("/api/v1/webhooks/" + id).then().statusCode(200).body("url", equalTo("http://127.0.0.1:9/mine"));
    }

    /** The documented creation example is a request the API accepts (with the local receiver for its URL). */
    @Test
    void theOpenApiCreationExampleIsAValidRequest() throws Exception {
        var openapi = new com.fasterxml.jackson.databind.ObjectMapper().readTree(io.restassured.RestAssured.given().accept("application/json")
                .get("/q/openapi?format=json").asString());
        var value = openapi.path("paths").path("/api/v1/webhooks").path("post").path("requestBody").path("content")
                .path("application/json").path("examples").elements().next().path("value");
        var example = (com.fasterxml.jackson.databind.node.ObjectNode) (value.isObject() ? value.deepCopy()
                : new com.fasterxml.jackson.databind.ObjectMapper().readTree(value.asText()));
        example.put("url", "http://127.0.0.1:9/example").put("orgId", AdminDb.tenant());
        as(EndpointResourceTest.ADMIN_KEY).body(example.toString()).post("/api/v1/webhooks").then().statusCode(201)
                .body("retryPolicy.backoff", equalTo("exponential")).body("filters.userLevel.min", equalTo(5));
    }
}
