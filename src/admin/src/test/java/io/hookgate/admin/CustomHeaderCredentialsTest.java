package io.hookgate.admin;

import io.hookgate.admin.endpoint.CustomHeaderSealer;
import io.hookgate.core.Ids;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.signing.SecretCipher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A credential in a custom header is sealed at rest, shown as "(set)", kept by "(set)" and never returned again. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class CustomHeaderCredentialsTest {

    @Inject
    SecretCipher cipher;
    @Inject
    CustomHeaderSealer sealer;

    @Test
    void aCredentialHeaderIsSealedShownAsSetAndKeptBySendingSetBack() throws Exception {
        String id = as(ADMIN_KEY).body(Map.of("url", "https://example.com/h", "events", List.of("order.created"),
                        "headers", Map.of("Authorization", "Bearer s3cret", "X-Tenant", "acme")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("headers.Authorization", equalTo("(set)")).body("headers.X-Tenant", equalTo("acme"))
                .extract().path("id");
        as(ADMIN_KEY).get("/api/v1/webhooks/" + id).then().statusCode(200).body("headers.Authorization", equalTo("(set)"));
        assertEquals(Map.of("Authorization", "Bearer s3cret", "X-Tenant", "acme"), sealed(id));
        assertFalse(plain(id).contains("s3cret"), plain(id));

        // a GET edited and sent back keeps the credential; a new value replaces it
        as(ADMIN_KEY).body(Map.of("url", "https://example.com/h", "events", List.of("order.created"),
                "headers", Map.of("Authorization", "(set)", "X-Tenant", "globex"))).put("/api/v1/webhooks/" + id).then().statusCode(200);
        assertEquals(Map.of("Authorization", "Bearer s3cret", "X-Tenant", "globex"), sealed(id));
        as(ADMIN_KEY).body(Map.of("headers", Map.of("Authorization", "Bearer n3w"))).patch("/api/v1/webhooks/" + id).then().statusCode(200)
                .body("headers.Authorization", equalTo("(set)"));
        assertEquals(Map.of("Authorization", "Bearer n3w"), sealed(id));

        // "(set)" for a header that holds nothing is refused, naming it, and changes nothing
        as(ADMIN_KEY).body(Map.of("headers", Map.of("X-Api-Key", "(set)"))).patch("/api/v1/webhooks/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("headers.X-Api-Key"));
        assertEquals(Map.of("Authorization", "Bearer n3w"), sealed(id));
    }

    @Test
    void headerValuesWithLineBreaksAreRefused() {
        for (String value : List.of("a\r\nX-Injected: 1", "a\nb", "a\u0000b")) {
            as(ADMIN_KEY).body(Map.of("url", "https://example.com/h", "events", List.of("order.created"), "headers", Map.of("X-Note", value)))
                    .post("/api/v1/webhooks").then().statusCode(value.contains("\u0000") ? 400 : 422);
        }
    }

    @Test
    void endpointsStoredBeforeSealingAreSealedAtStart() throws Exception {
        String id = Ids.next("ep");
        AdminDb.update("insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext, headers) "
                + "values (?, 'org_default', 'legacy', 'https://example.com/l', '{order.created}', ?, '{\"X-Api-Key\":\"legacy-key\"}'::jsonb)",
                id, cipher.encrypt("whsec_x"));
        assertTrue(sealer.sealUnsealed() >= 1);
        assertEquals(Map.of("X-Api-Key", "legacy-key"), sealed(id));
        assertFalse(plain(id).contains("legacy-key"));
        as(ADMIN_KEY).get("/api/v1/webhooks/" + id).then().statusCode(200).body("headers.X-Api-Key", equalTo("(set)"));
        assertEquals(0, sealer.sealUnsealed(), "idempotent");
    }

    /** The sealed headers, read back as a map (their order is not part of the contract). */
    private Map<String, String> sealed(String id) throws Exception {
        return new com.fasterxml.jackson.databind.ObjectMapper().readValue(cipher.decrypt((String) AdminDb.rows(
                "select headers_ciphertext from endpoint where id = ?", id).getFirst().get("headers_ciphertext")), Map.class);
    }

    private static String plain(String id) throws Exception {
        return AdminDb.rows("select headers::text as h from endpoint where id = ?", id).getFirst().get("h").toString();
    }
}
