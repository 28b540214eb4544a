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
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Channel endpoints and seed 000's admin send routes, against the real database and queue. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class NotificationResourceTest {

    static String createChannel(String org, Map<String, Object> body) {
        Map<String, Object> withOrg = new java.util.HashMap<>(body);
        withOrg.put("orgId", org);
        return as(ADMIN_KEY).body(withOrg).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    @Test
    void channelEndpointsAreValidatedAndTheirCredentialsNeverShown() throws Exception {
        String org = AdminDb.tenant();
        String discordUrl = "http://127.0.0.1:9/api/webhooks/123/SuperSecretDiscordToken";
        as(ADMIN_KEY).body(Map.of("orgId", org, "channel", "discord", "name", "general", "url", discordUrl, "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("channel", equalTo("discord"))
                .body("url", equalTo("http://127.0.0.1:9/api/webhooks/123/Supe…"));
        String telegram = as(ADMIN_KEY).body(Map.of("orgId", org, "channel", "telegram", "url", "http://127.0.0.1:9/tg",
                        "events", List.of("system.announcement"),
                        "channelConfig", Map.of("botToken", "123456:ABC-secret", "chatId", "@ops", "parseMode", "HTML")))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("channelConfig.chatId", equalTo("@ops"))
                .body("channelConfig.botToken", nullValue())
                .extract().path("id");
        as(ADMIN_KEY).get("/api/v1/webhooks/" + telegram).then().statusCode(200).body(not(containsString("ABC-secret")));
        String stored = (String) AdminDb.rows("select channel_token_ciphertext from endpoint where id = ?", telegram).getFirst().get("channel_token_ciphertext");
        assertNotEquals("123456:ABC-secret", stored);
        assertTrue(!stored.contains("ABC-secret"), "the bot token is encrypted at rest");

        as(ADMIN_KEY).body(Map.of("orgId", org, "channel", "telegram", "url", "https://api.telegram.org", "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors.field", equalTo(List.of("channelConfig.botToken", "channelConfig.chatId")));
        as(ADMIN_KEY).body(Map.of("orgId", org, "channel", "email", "url", "mailto:ops@example.com,not-an-address", "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors[0].field", equalTo("url")).body("errors[0].message", containsString("not-an-address"));
        as(ADMIN_KEY).body(Map.of("orgId", org, "channel", "pigeon", "url", "https://example.com", "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("channel"));
        as(ADMIN_KEY).body(Map.of("orgId", org, "url", "https://example.com/hook", "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("events"));
        as(ADMIN_KEY).body(Map.of("orgId", org, "channel", "slack", "url", "https://example.com/hook", "events", List.of(),
                        "channelConfig", Map.of("chatId", "x")))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors[0].field", equalTo("channelConfig"));
    }

    @Test
    void aDiscordSendQueuesOneDeliveryPerNamedChannelAndAnswersWithTheirIds() throws Exception {
        String org = AdminDb.tenant();
        String general = createChannel(org, Map.of("channel", "discord", "name", "general", "url", "http://127.0.0.1:9/d/general", "events", List.of()));
        String achievements = createChannel(org, Map.of("channel", "discord", "name", "achievements", "url", "http://127.0.0.1:9/d/ach", "events", List.of()));
        createChannel(org, Map.of("channel", "discord", "name", "other", "url", "http://127.0.0.1:9/d/other", "events", List.of("*")));

        var answer = as(ADMIN_KEY).body(Map.of("orgId", org, "type", "user_level_up",
                        "data", Map.of("userId", 123, "username", "cryptoking", "newLevel", 16, "xp", 9000),
                        "channels", List.of("general", "achievements")))
                .post("/api/webhook/discord/send").then().statusCode(202)
                .body("success", equalTo(true))
                .body("data.messagesSent", equalTo(2))
                .body("data.channels", equalTo(List.of("general", "achievements")))
                .body("data.messageIds", hasSize(2))
                .body("data.messageIds[0]", startsWith("dlv_"))
                .extract();
        String eventId = answer.path("data.eventId");
        var event = AdminDb.rows("select type, source from event where id = ?", eventId).getFirst();
        assertEquals("user.level_up", event.get("type"));
        var deliveries = AdminDb.rows("select endpoint_id from delivery where event_id = ? order by endpoint_id", eventId);
        assertEquals(List.of(general, achievements).stream().sorted().toList(), deliveries.stream().map(r -> r.get("endpoint_id")).toList(),
                "only the named channels, not the endpoint subscribed to *");
        assertEquals(1, AdminDb.rows("select 1 from outbox where event_id = ?", eventId).size());

        as(ADMIN_KEY).body(Map.of("orgId", org, "type", "user_level_up", "data", Map.of("userId", 1, "newLevel", 2),
                        "channels", List.of("general", "nowhere")))
                .post("/api/webhook/discord/send").then().statusCode(422)
                .body("errors[0].field", equalTo("channels[1]"));
        as(ADMIN_KEY).body(Map.of("orgId", org, "type", "user_level_up", "data", Map.of("userId", 1), "channels", List.of("general")))
                .post("/api/webhook/discord/send").then().statusCode(422)
                .body("errors[0].field", equalTo("data")).body("errors[0].message", containsString("newLevel"));
        as(ADMIN_KEY).body(Map.of("orgId", org, "type", "no.such_type", "data", Map.of(), "channels", List.of("general")))
                .post("/api/webhook/discord/send").then().statusCode(422).body("errors[0].field", equalTo("type"));
    }

    @Test
    void emailAndTelegramSendsGoThroughTheOrganisationsChannelEndpoint() throws Exception {
        String org = AdminDb.tenant();
        as(ADMIN_KEY).body(Map.of("orgId", org, "template", "deposit_confirmed", "to", "user@example.com", "data", Map.of()))
                .post("/api/webhook/email/send").then().statusCode(409).body("code", equalTo("channel_not_configured"));
        String email = createChannel(org, Map.of("channel", "email", "url", "mailto:ops@example.com", "events", List.of()));
        String telegram = createChannel(org, Map.of("channel", "telegram", "url", "http://127.0.0.1:9/tg", "events", List.of(),
                "channelConfig", Map.of("botToken", "1:abc", "chatId", "@ops")));

        String delivery = as(ADMIN_KEY).body(Map.of("orgId", org, "template", "deposit_confirmed", "to", "user@example.com",
                        "data", Map.of("username", "cryptoking", "amount", 875.00, "coin", "DGT", "txHash", "0x1234567890abcdef")))
                .post("/api/webhook/email/send").then().statusCode(202)
                .body("data.messageId", startsWith("dlv_")).body("data.endpointId", equalTo(email))
                .extract().path("data.messageId");
        var row = AdminDb.rows("select e.type, e.payload->>'to' as recipient from delivery d join event e on e.id = d.event_id where d.id = ?", delivery).getFirst();
        assertEquals("notification.email", row.get("type"));
        assertEquals("user@example.com", row.get("recipient"));

        as(ADMIN_KEY).body(Map.of("orgId", org, "template", "birthday", "to", "nobody", "data", Map.of()))
                .post("/api/webhook/email/send").then().statusCode(422)
                .body("errors.field", equalTo(List.of("template", "to")));

        as(ADMIN_KEY).body(Map.of("orgId", org, "chatId", "@degentalk_announcements", "message", "Level 16!", "parseMode", "Markdown",
                        "disableNotification", false))
                .post("/api/webhook/telegram/send").then().statusCode(202)
                .body("data.endpointId", equalTo(telegram)).body("data.chatId", equalTo("@degentalk_announcements"));
        as(ADMIN_KEY).body(Map.of("orgId", org, "chatId", "@x", "message", "hi", "parseMode", "Bold"))
                .post("/api/webhook/telegram/send").then().statusCode(422).body("errors[0].field", equalTo("parseMode"));
    }

    @Test
    void sendRoutesAreForAdminsOnly() throws Exception {
        String org = AdminDb.tenant();
        String key = AdminDb.tenantKey(org);
        as(key).body(Map.of("template", "level_up", "to", "user@example.com", "data", Map.of()))
                .post("/api/webhook/email/send").then().statusCode(403).body("code", equalTo("admin_only")).body("requestId", notNullValue());
        io.restassured.RestAssured.given().contentType("application/json").body(Map.of("chatId", "@x", "message", "hi"))
                .post("/api/webhook/telegram/send").then().statusCode(401);
    }
}
