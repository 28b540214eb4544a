package io.hookgate.admin;

import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.hookgate.admin.EndpointResourceTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Seed 002's self-service webhooks ({@code /api/webhooks}) with its curl bodies as printed. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class Seed002WebhooksTest {

    static final String REGISTER = """
            {
                "url": "https://your-domain.com/webhooks/v2k",
                "events": ["trade.completed", "alert.triggered"],
                "description": "My webhook"
              }""";

    static final String UPDATE = """
            {
                "events": ["trade.completed", "alert.triggered", "royalty.claimed"],
                "isActive": true
              }""";

    @Test
    void registerListUpdateAndDeleteAsTheSeedsCurlDoes() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        String id = as(key).body(REGISTER).post("/api/webhooks").then().statusCode(201)
                .body("url", equalTo("https://your-domain.com/webhooks/v2k")).body("secret", startsWith("whsec_"))
                .body("events", equalTo(List.of("trade.completed", "alert.triggered"))).body("isActive", equalTo(true))
                .body("profile", equalTo("seed002")).extract().path("id");
        as(key).get("/api/webhooks").then().statusCode(200).body("data.id", equalTo(List.of(id))).body("data[0].secret", nullValue())
                .body("data[0].isActive", equalTo(true));

        as(key).body("{\"isActive\": false}").patch("/api/webhooks/" + id).then().statusCode(200).body("isActive", equalTo(false))
                .body("events", equalTo(List.of("trade.completed", "alert.triggered")));
        assertEquals(false, AdminDb.rows("select active from endpoint where id = ?", id).getFirst().get("active"));
        as(key).body(UPDATE).patch("/api/webhooks/" + id).then().statusCode(200).body("isActive", equalTo(true))
                .body("events", equalTo(List.of("trade.completed", "alert.triggered", "royalty.claimed")))
                .body("description", equalTo("My webhook"));
        as(key).body("{\"isActive\": true, \"is_active\": false}").patch("/api/webhooks/" + id).then().statusCode(422)
                .body("errors[0].field", equalTo("is_active"));
        as(key).body("{\"enabled\": true}").patch("/api/webhooks/" + id).then().statusCode(422)
                .body("code", equalTo("unknown_field")).body("errors[0].field", equalTo("enabled"));

        as(key).delete("/api/webhooks/" + id).then().statusCode(204);
        as(key).get("/api/webhooks/" + id).then().statusCode(404);
        as(key).get("/api/webhooks").then().body("data.id", not(hasItem(id)));
    }

    @Test
    void theSeedsTestRouteQueuesItsOwnTestEvent() throws Exception {
        String key = AdminDb.tenantKey(AdminDb.tenant());
        String id = as(key).body(REGISTER).post("/api/webhooks").then().statusCode(201).extract().path("id");
        String delivery = as(key).post("/api/webhooks/" + id + "/test").then().statusCode(202).body("deliveryId", startsWith("dlv_"))
                .extract().path("deliveryId");
        var row = AdminDb.rows("select e.type, e.payload->>'test' as test, e.payload->>'message' as message from delivery d "
                + "join event e on e.id = d.event_id where d.id = ?", delivery).getFirst();
        assertEquals(List.of("test.event", "true", "This is a test webhook"), List.of(row.get("type"), row.get("test"), row.get("message")));
    }

    @Test
    void anotherOrganisationsWebhookIsAbsent() throws Exception {
        String mine = AdminDb.tenantKey(AdminDb.tenant());
        String theirs = AdminDb.tenantKey(AdminDb.tenant());
        String id = as(mine).body(REGISTER).post("/api/webhooks").then().statusCode(201).extract().path("id");
        as(theirs).body(UPDATE).patch("/api/webhooks/" + id).then().statusCode(404);
        as(theirs).delete("/api/webhooks/" + id).then().statusCode(404);
        as(theirs).post("/api/webhooks/" + id + "/test").then().statusCode(404);
        given().contentType("application/json").body(REGISTER).post("/api/webhooks").then().statusCode(401);
        as(mine).get("/api/webhooks/" + id).then().statusCode(200).body("isActive", equalTo(true));
    }
}
