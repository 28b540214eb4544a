package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.signing.WebhookSecret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Admin actions are written to the audit log (who, what, redacted changes, when, from where), readable per organisation. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class AdminAuditTest {

    @Test
    void anEndpointsChangesAreAuditedWithSecretsRedactedAndOnlyItsOrganisationSeesThem() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String keyId = (String) AdminDb.rows("select id from api_key where tenant_id = ?", org).getFirst().get("id");
        String secret = WebhookSecret.generate().value();
        String credential = "Bearer audit-" + java.util.UUID.randomUUID();
        var created = as(key).body(Map.of("url", "http://127.0.0.1:9/audited", "events", List.of("user.created"), "secret", secret,
                "headers", Map.of("Authorization", credential, "X-Team", "payments"))).post("/api/v1/webhooks").then().statusCode(201).extract();
        String id = created.path("id");
        String createRequest = created.header("X-Request-Id");
        as(key).body(Map.of("name", "renamed")).patch("/api/v1/webhooks/" + id).then().statusCode(200);
        as(key).body(Map.of()).post("/api/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200);
        as(key).get("/api/v1/webhooks/" + id).then().statusCode(200);   // reads are not audited
        as(key).delete("/api/v1/webhooks/" + id).then().statusCode(204);

        JsonPath log = as(key).get("/api/v1/audit-log?objectId=" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("DELETE", "POST", "PATCH", "POST"), log.getList("data.method"), log.prettify());
        assertEquals(List.of("/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/rotate-secret", "/api/v1/webhooks/{id}", "/api/v1/webhooks"),
                log.getList("data.route"));
        assertEquals(List.of(204, 200, 200, 201), log.getList("data.status"));
        Map<String, Object> creation = log.getMap("data[3]");
        assertEquals(org, creation.get("orgId"));
        assertEquals(keyId, creation.get("keyId"));
        assertEquals(false, creation.get("admin"));
        assertEquals(createRequest, creation.get("requestId"));
        assertNotNull(creation.get("clientIp"));
        assertNotNull(creation.get("createdAt"));
        assertEquals("[redacted]", log.getString("data[3].changes.secret"));
        assertEquals("[redacted]", log.getString("data[3].changes.headers.Authorization"));
        assertEquals("[redacted]", log.getString("data[3].changes.headers.X-Team"), "header values are credentials until shown otherwise");
        assertEquals("http://127.0.0.1:9/audited", log.getString("data[3].changes.url"));
        assertEquals("renamed", log.getString("data[2].changes.name"));
        // the secret and the credential are nowhere in the table
        assertEquals(0, AdminDb.DB.count("select count(*) from admin_audit where changes::text like ? or changes::text like ?",
                "%" + secret.substring(6, 20) + "%", "%" + credential + "%"));

        // another organisation sees none of it; an admin does, filtered by organisation
        String stranger = AdminDb.tenantKey(AdminDb.tenant());
        as(stranger).get("/api/v1/audit-log?objectId=" + id).then().statusCode(200).body("data", hasSize(0));
        as(stranger).get("/api/v1/audit-log?orgId=" + org).then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(ADMIN_KEY).get("/api/v1/audit-log?orgId=" + org + "&limit=2").then().statusCode(200).body("data", hasSize(2))
                .body("data[0].objectId", equalTo(id)).body("hasMore", equalTo(true));
        String cursor = as(ADMIN_KEY).get("/api/v1/audit-log?orgId=" + org + "&limit=2").then().extract().path("nextCursor");
        as(ADMIN_KEY).get("/api/v1/audit-log?orgId=" + org + "&limit=2&starting_after=" + cursor).then().statusCode(200)
                .body("data.method", equalTo(List.of("PATCH", "POST")));
        as(ADMIN_KEY).get("/api/v1/audit-log?starting_after=nope").then().statusCode(422);
    }

    @Test
    void aBodyLargerThanTheLoggedPartReachesTheRouteWholeAndIsLoggedAsUnread() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        // valid JSON padded with whitespace to 70 KiB: the route must get all of it, the log keeps none of it
        String body = "{\"blockedDestinations\": [\"203.0.113.0/24\"]" + " ".repeat(70 * 1024) + "}";
        as(key).body(body).put("/api/v1/outbound-policy").then().statusCode(200).body("blockedDestinations", equalTo(List.of("203.0.113.0/24")));
        as(key).get("/api/v1/audit-log?route=/api/v1/outbound-policy").then().statusCode(200)
                .body("data[0].changes.unread", equalTo("the body is over 64 KiB")).body("data[0].status", equalTo(200));
    }

    @Test
    void anAdminsChangeToASourcePolicyIsAuditedAndASlackUrlKeepsItsCredentialOut() throws Exception {
        as(ADMIN_KEY).body(Map.of("ipBlocklist", List.of("198.51.100.9"))).put("/api/v1/sources/price-feed/policy").then().statusCode(200);
        as(ADMIN_KEY).delete("/api/v1/sources/price-feed/policy").then().statusCode(204);
        JsonPath log = as(ADMIN_KEY).get("/api/v1/audit-log?objectId=price-feed&limit=2").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("DELETE", "PUT"), log.getList("data.method"));
        assertEquals("/api/v1/sources/{source}/policy", log.getString("data[1].route"));
        assertEquals(List.of("198.51.100.9"), log.getList("data[1].changes.ipBlocklist"));
        assertEquals(true, log.getBoolean("data[1].admin"));
        // a parameter whose value is also a literal segment of the path: the route names the parameter only
        String block = "blk_" + java.util.UUID.randomUUID().toString().replace("-", "");
        AdminDb.update("insert into inbound_block (id, source, client_ip, reason, strikes, expires_at) "
                + "values (?, 'sources', '203.0.113.77', 'test', 10, now() + interval '1 hour')", block);
        as(ADMIN_KEY).delete("/api/v1/sources/sources/blocked-addresses/" + block).then().statusCode(200);
        as(ADMIN_KEY).get("/api/v1/audit-log?objectId=" + block).then().statusCode(200)
                .body("data[0].route", equalTo("/api/v1/sources/{source}/blocked-addresses/{id}"));

        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String hook = "https://hooks.slack.com/services/T000/B000/" + java.util.UUID.randomUUID();
        as(key).body(Map.of("url", hook, "channel", "slack", "events", List.of("endpoint.circuit_opened"))).post("/api/v1/webhooks");
        String logged = as(key).get("/api/v1/audit-log?route=/api/v1/webhooks").then().statusCode(200).extract().path("data[0].changes.url");
        assertEquals("https://hooks.slack.com/[redacted]", logged);
        assertFalse(AdminDb.DB.count("select count(*) from admin_audit where changes::text like ?", "%" + hook.substring(hook.length() - 12) + "%") > 0);
    }
}
