package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * The admin function serves the dashboard's files itself (as a plain service, a Lambda function or in dev mode), with
 * its security headers, and without an API key: the page asks for one. Its behaviour in a browser is
 * DashboardBrowserTest's (bench).
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class DashboardServingTest {

    @Test
    void theDashboardIsServedWithItsSecurityHeaders() {
        for (String path : new String[] {"/dashboard", "/dashboard/"}) {
            given().redirects().follow(false).get(path).then().statusCode(302).header("Location", endsWith("/dashboard/index.html"));
        }
        // seed 002 sends its users to /admin/webhooks
        given().redirects().follow(false).get("/admin/webhooks").then().statusCode(302)
                .header("Location", endsWith("/dashboard/index.html#/endpoints"));
        given().get("/dashboard/index.html").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", startsWith("default-src 'self'")).header("X-Frame-Options", equalTo("DENY"))
                .header("Referrer-Policy", equalTo("no-referrer")).header("X-Content-Type-Options", equalTo("nosniff"))
                .body(containsString("<script src=\"dashboard.js\" defer></script>"));
        given().get("/dashboard/dashboard.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("sessionStorage"));
        given().get("/dashboard/dashboard.css").then().statusCode(200).contentType(startsWith("text/css"));
        given().get("/dashboard/nothing.js").then().statusCode(404);
        // the API behind it still needs a key
        given().get("/api/v1/me").then().statusCode(401).body("code", equalTo("unauthorized"));
    }
}
