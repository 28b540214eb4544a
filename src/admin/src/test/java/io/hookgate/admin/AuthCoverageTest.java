package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every admin route, found from the resource classes, refuses a missing or unknown bearer key with 401 and a problem document. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class AuthCoverageTest {

    @Test
    void everyRouteRefusesAMissingOrUnknownKey() throws Exception {
        List<OpenApiCoverageTest.Route> routes = OpenApiCoverageTest.routes();
        assertTrue(routes.size() > 40);
        List<String> wrong = new ArrayList<>();
        for (OpenApiCoverageTest.Route route : routes) {
            String path = route.path().replaceAll("\\{[^}]+}", "x_1");
            for (String header : new String[] {null, "Bearer hg_admin_not_a_key", "Basic YWRtaW46YWRtaW4="}) {
                var request = given().contentType("application/json").body("{}");
                if (header != null) {
                    request.header("Authorization", header);
                }
                var response = request.request(route.verb().toUpperCase(), path);
                if (response.statusCode() != 401 || !"unauthorized".equals(response.path("code"))
                        || !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    wrong.add(route.verb().toUpperCase() + " " + path + " with " + header + ": " + response.statusCode());
                }
            }
        }
        assertEquals(List.of(), wrong);
    }
}
