package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A new endpoint's host is resolved and vetted when it is registered, as in production (private targets refused), with
 * the test profile's 1 s lookup timeout and names from {@link TestNames}: a name server that does not answer costs the
 * caller a clear 422 within the timeout, not a request that outlives API Gateway's 30 s.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
@TestProfile(EndpointHostVettingTest.AsInProduction.class)
class EndpointHostVettingTest {

    public static class AsInProduction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookgate.admin.allow-private-targets", "false");
        }
    }

    static io.restassured.response.ValidatableResponse register(String host) throws Exception {
        return as(ADMIN_KEY).body(Map.of("orgId", AdminDb.tenant(), "url", "https://" + host + "/hook", "events", List.of("deposit.confirmed")))
                .post("/api/v1/webhooks").then();
    }

    @Test
    void aPublicHostIsRegisteredAndPrivateOrUnknownOnesAreRefused() throws Exception {
        register(TestNames.PUBLIC).statusCode(201).body("url", equalTo("https://" + TestNames.PUBLIC + "/hook"));
        register(TestNames.PRIVATE).statusCode(422).body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("private or loopback address (10.0.0.7)"));
        register(TestNames.MISSING).statusCode(422).body("errors[0].message", containsString("does not resolve"));
        register("localhost").statusCode(422).body("errors[0].message", containsString("private or loopback"));
    }

    @Test
    void aHostWhoseNameServersDoNotAnswerIsRefusedWithinTheLookupTimeout() throws Exception {
        long start = System.nanoTime();
        register(TestNames.SLOW).statusCode(422).body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString("did not resolve in time"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        // the lookup itself hangs 8 s; the answer comes at the 1 s timeout (generous bound for a loaded machine)
        assertTrue(millis < 6_000, "answered after " + millis + " ms");
        register(TestNames.PUBLIC).statusCode(201);   // and the next registration is not held up
    }
}
