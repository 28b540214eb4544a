package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.realtime.RealtimeTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class RealtimeTokenResourceTest {

    @Inject
    RealtimeTokens tokens;

    @Test
    void anAdminIssuesATokenThatTheRealtimeServiceAccepts() {
        String token = as(ADMIN_KEY).body(Map.of("userId", "123")).post("/api/v1/realtime/tokens").then()
                .statusCode(201).body("userId", equalTo("123")).extract().path("token");
        assertEquals("123", tokens.verify(token).orElseThrow().userId());
    }

    @Test
    void aTenantKeyCannotIssueTokensAndAUserIdIsRequired() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        as(key).body(Map.of("userId", "1")).post("/api/v1/realtime/tokens").then().statusCode(403).body("code", equalTo("admin_only"));
        as(ADMIN_KEY).body(Map.of()).post("/api/v1/realtime/tokens").then().statusCode(422).body("errors[0].field", equalTo("userId"));
    }
}
