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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class TenantAndKeyTest {

    @Test
    void anAdminCreatesAnOrganisationAndItsFirstKeyWhichThenWorksWithinIt() throws Exception {
        String org = as(ADMIN_KEY).body(Map.of("name", "Acme Corp")).post("/api/v1/tenants").then().statusCode(201)
                .body("id", startsWith("org_")).body("name", equalTo("Acme Corp")).body("createdAt", notNullValue()).extract().path("id");
        var created = as(ADMIN_KEY).body(Map.of("name", "acme backend", "orgId", org)).post("/api/v1/api-keys").then().statusCode(201)
                .body("id", startsWith("key_")).body("role", equalTo("tenant")).body("orgId", equalTo(org))
                .body("key", startsWith("hg_tenant_")).body("prefix", startsWith("hg_tenant_")).extract();
        String key = created.path("key");
        String keyId = created.path("id");
        var stored = AdminDb.rows("select key_hash, prefix from api_key where id = ?", keyId).getFirst();
        assertFalse(stored.get("key_hash").toString().contains(key), "only the hash is stored");
        assertEquals(key.substring(0, 12), stored.get("prefix"));

        as(key).get("/api/v1/tenants").then().statusCode(200).body("data.id", equalTo(List.of(org)));
        as(key).get("/api/v1/tenants/" + org).then().statusCode(200).body("name", equalTo("Acme Corp"));
        as(key).body(Map.of("name", "Acme Inc")).patch("/api/v1/tenants/" + org).then().statusCode(200).body("name", equalTo("Acme Inc"));
        as(key).get("/api/v1/api-keys/" + keyId).then().statusCode(200).body("key", nullValue()).body("lastUsedAt", notNullValue());
        as(ADMIN_KEY).get("/api/v1/tenants?limit=100").then().statusCode(200).body("data.id", hasItem(org));
    }

    @Test
    void tenantKeysManageTheirOwnOrganisationsTenantKeysOnly() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        String other = AdminDb.tenant();
        as(key).body(Map.of("name", "x")).post("/api/v1/tenants").then().statusCode(403).body("code", equalTo("admin_only"));
        as(key).body(Map.of("name", "root", "role", "admin")).post("/api/v1/api-keys").then().statusCode(403).body("code", equalTo("admin_only"));
        as(key).body(Map.of("name", "sneaky", "orgId", other)).post("/api/v1/api-keys").then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(key).get("/api/v1/tenants/" + other).then().statusCode(404);
        as(key).body(Map.of("name", "renamed")).patch("/api/v1/tenants/" + other).then().statusCode(404);
        String mine = as(key).body(Map.of("name", "ci")).post("/api/v1/api-keys").then().statusCode(201).body("orgId", equalTo(org)).extract().path("id");
        String theirs = as(ADMIN_KEY).body(Map.of("name", "theirs", "orgId", other)).post("/api/v1/api-keys").then().statusCode(201).extract().path("id");
        as(key).get("/api/v1/api-keys").then().statusCode(200).body("data.id", hasItem(mine)).body("data.id", not(hasItem(theirs)))
                .body("data.orgId", not(hasItem(other)));
        for (String route : List.of("/api/v1/api-keys/" + theirs)) {
            as(key).get(route).then().statusCode(404);
            as(key).delete(route).then().statusCode(404);
            as(key).post(route + "/rotate").then().statusCode(404);
        }
        as(key).get("/api/v1/api-keys/key_bootstrap_admin").then().statusCode(404);
        as(ADMIN_KEY).body(Map.of("name", "x")).post("/api/v1/api-keys").then().statusCode(422).body("errors[0].field", equalTo("orgId"));
        as(ADMIN_KEY).body(Map.of("name", "x", "orgId", "org_missing")).post("/api/v1/api-keys").then().statusCode(422);
        as(ADMIN_KEY).body(Map.of("name", "x", "role", "owner")).post("/api/v1/api-keys").then().statusCode(422).body("errors[0].field", equalTo("role"));
    }

    @Test
    void aRevokedKeyStopsAtOnceAndARotatedOneAfterItsOverlap() throws Exception {
        String org = AdminDb.tenant();
        String admin = as(ADMIN_KEY).body(Map.of("name", "ops", "role", "admin")).post("/api/v1/api-keys").then().statusCode(201)
                .body("orgId", nullValue()).body("key", startsWith("hg_admin_")).extract().path("key");
        as(admin).get("/api/v1/tenants?limit=1").then().statusCode(200);

        var first = as(admin).body(Map.of("name", "svc", "orgId", org)).post("/api/v1/api-keys").then().statusCode(201).extract();
        String firstKey = first.path("key");
        String firstId = first.path("id");
        var rotated = as(firstKey).body(Map.of("overlapSeconds", 3600)).post("/api/v1/api-keys/" + firstId + "/rotate").then().statusCode(201)
                .body("name", equalTo("svc")).body("orgId", equalTo(org)).body("key", startsWith("hg_tenant_")).extract();
        String secondKey = rotated.path("key");
        as(firstKey).get("/api/v1/webhooks").then().statusCode(200);
        as(secondKey).get("/api/v1/webhooks").then().statusCode(200);
        as(admin).get("/api/v1/api-keys/" + firstId).then().body("expiresAt", notNullValue()).body("revokedAt", nullValue());
        AdminDb.update("update api_key set expires_at = now() - interval '1 second' where id = ?", firstId);
        as(firstKey).get("/api/v1/webhooks").then().statusCode(401).body("code", equalTo("unauthorized"));

        String secondId = rotated.path("id");
        as(secondKey).delete("/api/v1/api-keys/" + secondId).then().statusCode(204);
        as(secondKey).get("/api/v1/webhooks").then().statusCode(401);
        as(admin).get("/api/v1/api-keys/" + secondId).then().statusCode(200).body("revokedAt", notNullValue());
        as(admin).delete("/api/v1/api-keys/" + secondId).then().statusCode(204);
        as(admin).post("/api/v1/api-keys/" + secondId + "/rotate").then().statusCode(409).body("code", equalTo("api_key_revoked"));
        as(admin).get("/api/v1/api-keys?active=true&limit=100").then().body("data.id", not(hasItem(secondId)));
        as(admin).get("/api/v1/api-keys?active=maybe").then().statusCode(422);
    }
}
