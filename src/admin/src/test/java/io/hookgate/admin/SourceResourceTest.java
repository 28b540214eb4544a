package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class SourceResourceTest {

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void anAdminRegistersASourceAndSeesItsGeneratedSecretOnce() throws Exception {
        String name = name("billing");
        String id = as(ADMIN_KEY).body(Map.of("name", name, "scheme", "standard_webhooks", "description", "Billing provider"))
                .post("/api/v1/sources").then().statusCode(201)
                .body("id", startsWith("src_")).body("secret", startsWith("whsec_")).body("orgId", equalTo("org_default"))
                .body("receiveUrl", startsWith("/api/webhook/sources/src_")).body("eventTypePrefix", equalTo("source." + name + "."))
                .body("eventTypeFrom", equalTo("/type")).body("dedupeIdFrom", equalTo("header:webhook-id"))
                .body("enabled", equalTo(true)).body("createdAt", notNullValue())
                .extract().path("id");
        String stored = (String) AdminDb.rows("select secret_ciphertext from inbound_source where id = ?", id).getFirst().get("secret_ciphertext");
        assertTrue(stored.startsWith("v1:") && !stored.contains("whsec_"), "the secret is encrypted at rest");

        as(ADMIN_KEY).get("/api/v1/sources/" + id).then().statusCode(200).body("name", equalTo(name)).body("secret", nullValue());
        as(ADMIN_KEY).get("/api/v1/sources?limit=100").then().statusCode(200).body("data.id", hasItem(id));

        as(ADMIN_KEY).body(Map.of("enabled", false, "acceptedEvents", List.of("invoice.paid", "invoice.failed")))
                .patch("/api/v1/sources/" + id).then().statusCode(200)
                .body("enabled", equalTo(false)).body("acceptedEvents", equalTo(List.of("invoice.paid", "invoice.failed")));
        String rotated = as(ADMIN_KEY).body(Map.of()).post("/api/v1/sources/" + id + "/rotate-secret").then().statusCode(200)
                .body("secret", startsWith("whsec_")).extract().path("secret");
        assertFalse(stored.equals(AdminDb.rows("select secret_ciphertext from inbound_source where id = ?", id).getFirst().get("secret_ciphertext")));
        assertTrue(rotated.length() > 20);

        // Endpoints subscribe to the source's events by type or wildcard.
        as(ADMIN_KEY).body(Map.of("url", "https://example.com/hooks/" + name, "events", List.of("source." + name + ".*", "source." + name + ".invoice.paid")))
                .post("/api/v1/webhooks").then().statusCode(201).body("events", equalTo(List.of("source." + name + ".*", "source." + name + ".invoice.paid")));

        as(ADMIN_KEY).delete("/api/v1/sources/" + id).then().statusCode(204);
        as(ADMIN_KEY).get("/api/v1/sources/" + id).then().statusCode(404).body("code", equalTo("not_found"));
    }

    @Test
    void invalidRegistrationsNameTheFieldToFix() {
        as(ADMIN_KEY).body(Map.of("name", name("x"), "scheme", "md5")).post("/api/v1/sources").then().statusCode(422)
                .body("errors[0].field", equalTo("scheme"));
        as(ADMIN_KEY).body(Map.of("name", "Not Valid!", "scheme", "github")).post("/api/v1/sources").then().statusCode(422)
                .body("errors.field", hasItem(containsString("name")));
        as(ADMIN_KEY).body(Map.of("name", name("x"), "scheme", "hmac_hex")).post("/api/v1/sources").then().statusCode(422)
                .body("errors[0].field", equalTo("signatureHeader"));
        as(ADMIN_KEY).body(Map.of("name", name("x"), "scheme", "github", "dedupeIdFrom", "id")).post("/api/v1/sources").then().statusCode(422)
                .body("errors[0].field", equalTo("dedupeIdFrom")).body("errors[0].message", containsString("JSON pointer"));
        as(ADMIN_KEY).body(Map.of("name", name("x"), "scheme", "stripe")).post("/api/v1/sources").then().statusCode(422)
                .body("errors[0].field", equalTo("secret")).body("errors[0].message", containsString("Stripe Dashboard"));
        as(ADMIN_KEY).body(Map.of("name", name("x"), "scheme", "standard_webhooks", "secret", "not-a-whsec-secret")).post("/api/v1/sources")
                .then().statusCode(422).body("errors[0].field", equalTo("secret"));
        String taken = name("taken");
        as(ADMIN_KEY).body(Map.of("name", taken, "scheme", "github")).post("/api/v1/sources").then().statusCode(201);
        as(ADMIN_KEY).body(Map.of("name", taken, "scheme", "github")).post("/api/v1/sources").then().statusCode(409)
                .body("code", equalTo("source_name_taken"));
        as(ADMIN_KEY).body(Map.of("name", name("x"), "scheme", "github", "orgId", "org_missing")).post("/api/v1/sources").then().statusCode(422)
                .body("errors[0].field", equalTo("orgId"));
    }

    @Test
    void onlyAdminsManageSourcesPoliciesAndTheAuditLog() throws Exception {
        String tenantKey = AdminDb.tenantKey(AdminDb.tenant());
        as(tenantKey).body(Map.of("name", name("x"), "scheme", "github")).post("/api/v1/sources").then().statusCode(403).body("code", equalTo("admin_only"));
        as(tenantKey).get("/api/v1/sources").then().statusCode(403).body("code", equalTo("admin_only"));
        as(tenantKey).get("/api/v1/sources/ccpayment/policy").then().statusCode(403);
        as(tenantKey).body(Map.of("rateLimit", 1)).put("/api/v1/sources/ccpayment/policy").then().statusCode(403);
        as(tenantKey).get("/api/v1/security-events").then().statusCode(403);
        as("hg_wrong").get("/api/v1/sources").then().statusCode(401);
    }

    @Test
    void policiesAreSetPerSourceValidatedAndRemoved() {
        as(ADMIN_KEY).get("/api/v1/sources/analytics/policy").then().statusCode(200).body("source", equalTo("analytics"))
                .body("rateLimit", nullValue()).body("ipAllowlist", nullValue());
        as(ADMIN_KEY).body(Map.of("ipAllowlist", List.of("203.0.113.0/24", "2001:db8::/129", "example.com"))).put("/api/v1/sources/analytics/policy")
                .then().statusCode(422).body("errors.field", equalTo(List.of("ipAllowlist[1]", "ipAllowlist[2]")));
        as(ADMIN_KEY).body(Map.of("ipAllowlist", List.of())).put("/api/v1/sources/analytics/policy")
                .then().statusCode(422).body("errors[0].field", equalTo("ipAllowlist"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("leave it out to allow every address"));
        as(ADMIN_KEY).body(Map.of("priceMaxAgeSeconds", 60)).put("/api/v1/sources/analytics/policy").then().statusCode(422)
                .body("errors[0].field", equalTo("priceMaxAgeSeconds"));
        as(ADMIN_KEY).body(Map.of("rateLimit", 1)).put("/api/v1/sources/src_nope/policy").then().statusCode(404);
        try {
            as(ADMIN_KEY).body(Map.of("ipAllowlist", List.of("203.0.113.0/24", "2001:db8::/32"), "rateLimit", 20000, "rateWindowSeconds", 3600))
                    .put("/api/v1/sources/analytics/policy").then().statusCode(200)
                    .body("ipAllowlist", equalTo(List.of("203.0.113.0/24", "2001:db8::/32"))).body("rateLimit", equalTo(20000))
                    .body("rateWindowSeconds", equalTo(3600)).body("priceMaxAgeSeconds", nullValue()).body("updatedAt", notNullValue());
            // PUT replaces the whole policy: fields left out return to the configured values
            as(ADMIN_KEY).body(Map.of()).put("/api/v1/sources/analytics/policy").then().statusCode(200)
                    .body("ipAllowlist", nullValue()).body("rateLimit", nullValue());
        } finally {
            as(ADMIN_KEY).delete("/api/v1/sources/analytics/policy").then().statusCode(204);
        }
        as(ADMIN_KEY).get("/api/v1/sources/analytics/policy").then().statusCode(200).body("ipAllowlist", nullValue());
    }

    @Test
    void blockListsAreValidatedAndBlockedAddressesListedAndLifted() throws Exception {
        try {
            as(ADMIN_KEY).body(Map.of("ipBlocklist", List.of("198.51.100.7", "10.0.0.0/33"))).put("/api/v1/sources/analytics/policy")
                    .then().statusCode(422).body("errors.field", equalTo(List.of("ipBlocklist[1]")));
            as(ADMIN_KEY).body(Map.of("ipBlocklist", List.of("198.51.100.7", "2001:db8:66::/48"))).put("/api/v1/sources/analytics/policy")
                    .then().statusCode(200).body("ipBlocklist", equalTo(List.of("198.51.100.7", "2001:db8:66::/48"))).body("ipAllowlist", nullValue());
            // every set policy in one answer (the dashboard's sources page)
            as(ADMIN_KEY).get("/api/v1/inbound/policies").then().statusCode(200)
                    .body("data.find { it.source == 'analytics' }.ipBlocklist", equalTo(List.of("198.51.100.7", "2001:db8:66::/48")));
            as(AdminDb.tenantKey(AdminDb.tenant())).get("/api/v1/inbound/policies").then().statusCode(403);
        } finally {
            as(ADMIN_KEY).delete("/api/v1/sources/analytics/policy").then().statusCode(204);
        }

        // what the ingest function writes when an address reaches its strikes
        String ip = "203.0.113." + (1 + new java.util.Random().nextInt(250));
        String block = "blk_" + UUID.randomUUID().toString().replace("-", "");
        AdminDb.update("insert into inbound_strike (source, client_ip, window_start, strikes) values ('price-feed', ?, now(), 10) "
                + "on conflict (source, client_ip) do update set strikes = 10", ip);
        AdminDb.update("insert into inbound_block (id, source, client_ip, reason, strikes, expires_at) "
                + "values (?, 'price-feed', ?, '10 suspicious calls', 10, now() + interval '1 hour')", block, ip);
        as(ADMIN_KEY).get("/api/v1/sources/price-feed/blocked-addresses?limit=100").then().statusCode(200)
                .body("data.find { it.id == '" + block + "' }.clientIp", equalTo(ip))
                .body("data.find { it.id == '" + block + "' }.active", equalTo(true))
                .body("data.find { it.id == '" + block + "' }.strikes", equalTo(10));
        as(ADMIN_KEY).get("/api/v1/inbound/blocked-addresses?limit=100").then().statusCode(200)
                .body("data.find { it.id == '" + block + "' }.source", equalTo("price-feed"));
        String tenantKey = AdminDb.tenantKey(AdminDb.tenant());
        as(tenantKey).get("/api/v1/inbound/blocked-addresses").then().statusCode(403);
        as(tenantKey).get("/api/v1/sources/price-feed/blocked-addresses").then().statusCode(403);
        as(tenantKey).delete("/api/v1/sources/price-feed/blocked-addresses/" + block).then().statusCode(403);
        assertEquals(1, AdminDb.DB.count("select count(*) from inbound_block where id = ? and lifted_at is null", block), "a tenant lifts nothing");

        as(ADMIN_KEY).delete("/api/v1/sources/price-feed/blocked-addresses/" + block).then().statusCode(200)
                .body("id", equalTo(block)).body("active", equalTo(false)).body("liftedAt", notNullValue()).body("liftedBy", notNullValue());
        assertEquals(0, AdminDb.DB.count("select count(*) from inbound_strike where source = 'price-feed' and client_ip = ?", ip),
                "the address starts again with no strikes");
        as(ADMIN_KEY).get("/api/v1/sources/price-feed/blocked-addresses?limit=100").then().statusCode(200)
                .body("data.id", not(hasItem(block)));
        as(ADMIN_KEY).get("/api/v1/sources/price-feed/blocked-addresses?all=true&limit=100").then().statusCode(200)
                .body("data.id", hasItem(block));
        as(ADMIN_KEY).get("/api/v1/inbound/blocked-addresses?limit=100").then().statusCode(200).body("data.id", not(hasItem(block)));
        as(ADMIN_KEY).delete("/api/v1/sources/price-feed/blocked-addresses/blk_nope").then().statusCode(404).body("code", equalTo("not_found"));
        as(ADMIN_KEY).delete("/api/v1/sources/ccpayment/blocked-addresses/" + block).then().statusCode(404);
        as(ADMIN_KEY).get("/api/v1/sources/src_nope/blocked-addresses").then().statusCode(404);
        as(ADMIN_KEY).get("/api/v1/sources/sources/blocked-addresses").then().statusCode(200);
    }

    @Test
    void theSecurityAuditLogIsFilteredAndPagedNewestFirst() throws Exception {
        String source = "src_audit_" + UUID.randomUUID().toString().substring(0, 6);
        for (String kind : List.of("signature_failed", "ip_blocked", "signature_failed")) {
            AdminDb.update("insert into security_audit (source, kind, client_ip, request_id, detail) values (?, ?, '203.0.113.9', ?, 'test')",
                    source, kind, "req_" + kind);
        }
        as(ADMIN_KEY).get("/api/v1/security-events?source=" + source).then().statusCode(200).body("data", hasSize(3))
                .body("data[0].id", startsWith("sec_")).body("data[0].clientIp", equalTo("203.0.113.9"));
        String cursor = as(ADMIN_KEY).get("/api/v1/security-events?source=" + source + "&kind=signature_failed&limit=1").then().statusCode(200)
                .body("data", hasSize(1)).body("hasMore", equalTo(true)).body("data[0].requestId", equalTo("req_signature_failed"))
                .extract().path("nextCursor");
        as(ADMIN_KEY).get("/api/v1/security-events?source=" + source + "&kind=signature_failed&limit=1&starting_after=" + cursor).then()
                .statusCode(200).body("data", hasSize(1)).body("hasMore", equalTo(false));
        as(ADMIN_KEY).get("/api/v1/security-events?source=" + source + "&since=2999-01-01T00:00:00Z").then().statusCode(200).body("data", hasSize(0));
        as(ADMIN_KEY).get("/api/v1/security-events?kind=bogus").then().statusCode(422).body("errors[0].field", equalTo("kind"));
        as(ADMIN_KEY).get("/api/v1/security-events?since=yesterday").then().statusCode(422).body("errors[0].field", equalTo("since"));
        assertEquals(3, AdminDb.rows("select 1 from security_audit where source = ?", source).size());
    }
}
