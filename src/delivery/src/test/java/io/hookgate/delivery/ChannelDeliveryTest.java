package io.hookgate.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.MailServer;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.TestReceiver;
import io.hookgate.signing.SecretCipher;
import io.hookgate.signing.WebhookSecret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each notification channel against its local stand-in: the recording receiver for Discord, Slack and Telegram, GreenMail for SMTP. */
@QuarkusTest
@QuarkusTestResource(value = HookgateTestResource.class, initArgs = @ResourceArg(name = "esm-port", value = "8183"))
class ChannelDeliveryTest {

    final SecretCipher cipher = new SecretCipher(() -> DeliveryFunctionTest.TEST_CRYPTO_KEY);
    final ObjectMapper json = new ObjectMapper();

    final DevStack stack = DevStack.shared();
    final TestReceiver receiver = stack.receiver();
    final MailServer mail = stack.mail();

    String channelEndpoint(String channel, String url, String config, String token, String... events) throws Exception {
        String id = Ids.next("ep");
        try (Connection c = TestDatabase.shared().connect(); var ps = c.prepareStatement("""
                insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext, channel, channel_config, channel_token_ciphertext)
                values (?, 'org_default', ?, ?, ?, ?, ?, ?::jsonb, ?)""")) {
            ps.setString(1, id);
            ps.setString(2, channel + " " + id);
            ps.setString(3, url);
            ps.setArray(4, c.createArrayOf("text", events));
            ps.setString(5, cipher.encrypt(WebhookSecret.generate().value()));
            ps.setString(6, channel);
            ps.setString(7, config);
            ps.setString(8, token == null ? null : cipher.encrypt(token));
            ps.executeUpdate();
        }
        return id;
    }

    String publish(String type, String payload, String... targets) throws Exception {
        String id = Ids.next("evt");
        try (Connection c = TestDatabase.shared().connect(); var ps = c.prepareStatement(
                "insert into event (id, tenant_id, type, payload, source, target_endpoint_ids) values (?, 'org_default', ?, ?::jsonb, 'test', ?)")) {
            ps.setString(1, id);
            ps.setString(2, type);
            ps.setString(3, payload);
            ps.setArray(4, targets.length == 0 ? null : c.createArrayOf("text", targets));
            ps.executeUpdate();
        }
        stack.queues().client().sendMessage(b -> b.queueUrl(stack.queues().eventsUrl())
                .messageBody("{\"kind\":\"fanout\",\"eventId\":\"" + id + "\"}"));
        return id;
    }

    static String path() {
        return "/channel/" + UUID.randomUUID();
    }

    static String status(String eventId, String endpointId) throws Exception {
        var found = TestDatabase.shared().rows("select status from delivery where event_id = ? and endpoint_id = ?", eventId, endpointId);
        return found.isEmpty() ? null : (String) found.getFirst().get("status");
    }

    JsonNode body(TestReceiver.Received request) throws Exception {
        return json.readTree(request.body());
    }

    @Test
    void discordGetsAnEmbedWithTheEventsFieldsAndIsRetriedLikeAnyWebhook() throws Exception {
        String path = path();
        receiver.thenReply(path, TestReceiver.Reply.status(500));
        String endpoint = channelEndpoint("discord", receiver.url(path), "{}", null, "user.level_up");
        String eventId = publish("user.level_up", "{\"userId\":123,\"username\":\"cryptoking\",\"newLevel\":16,\"xp\":9000}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventId, endpoint)));
        List<TestReceiver.Received> requests = receiver.receivedOn(path);
        assertEquals(2, requests.size(), "the 500 is retried on the shared schedule");
        JsonNode message = body(requests.getLast());
        assertEquals("**A user reached a new level.**", message.path("content").asText());
        JsonNode embed = message.path("embeds").get(0);
        assertEquals("user.level_up", embed.path("title").asText());
        assertEquals(eventId, embed.path("footer").path("text").asText());
        assertTrue(embed.path("fields").toString().contains("{\"name\":\"newLevel\",\"value\":\"16\",\"inline\":true}"), embed.toString());
        assertNull(requests.getLast().header("webhook-signature"), "chat channels are not signed");
        var attempts = TestDatabase.shared().rows("""
                select a.response_status from delivery_attempt a join delivery d on d.id = a.delivery_id
                where d.event_id = ? and d.endpoint_id = ? order by a.attempt_number""", eventId, endpoint);
        assertEquals(List.of(500, 200), attempts.stream().map(r -> r.get("response_status")).toList());
    }

    @Test
    void slackGetsFallbackTextAndBlocks() throws Exception {
        String path = path();
        String endpoint = channelEndpoint("slack", receiver.url(path), "{}", null, "withdrawal.*");
        String eventId = publish("withdrawal.completed", """
                {"userId":123,"withdrawalId":"cc_wd_1","coin":"BTC","amount":"0.001","fee":"0.0001","transactionHash":"0xabc"}""");

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventId, endpoint)));
        JsonNode message = body(receiver.receivedOn(path).getFirst());
        assertTrue(message.path("text").asText().startsWith("withdrawal.completed: "), message.toString());
        assertEquals("header", message.path("blocks").get(0).path("type").asText());
        assertTrue(message.path("blocks").get(1).path("fields").findValuesAsText("text").contains("*coin*\nBTC"), message.toString());
    }

    @Test
    void telegramCallsSendMessageWithTheBotTokenInThePathAndKeepsItOutOfTheLog() throws Exception {
        String base = path();
        String token = "123456:ABC-" + UUID.randomUUID();
        String endpoint = channelEndpoint("telegram", receiver.url(base), "{\"chatId\":\"@hookgate_ops\"}", token, "system.announcement");
        String eventId = publish("system.announcement", "{\"message\":\"Maintenance <tonight>\"}");
        String send = publish("notification.telegram",
                "{\"chatId\":\"@degentalk_announcements\",\"message\":\"Level 16!\",\"parseMode\":\"Markdown\",\"disableNotification\":true}",
                endpoint);

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventId, endpoint))
                && "SUCCESS".equals(status(send, endpoint)));
        List<TestReceiver.Received> calls = receiver.receivedOn(base + "/bot" + token + "/sendMessage");
        assertEquals(2, calls.size());
        JsonNode announcement = calls.stream().map(this::bodyOf).filter(b -> b.path("chat_id").asText().equals("@hookgate_ops")).findFirst().orElseThrow();
        assertEquals("HTML", announcement.path("parse_mode").asText());
        assertTrue(announcement.path("text").asText().contains("Maintenance &lt;tonight&gt;"), announcement.toString());
        JsonNode direct = calls.stream().map(this::bodyOf).filter(b -> b.path("chat_id").asText().equals("@degentalk_announcements")).findFirst().orElseThrow();
        assertEquals("Level 16!", direct.path("text").asText());
        assertEquals("Markdown", direct.path("parse_mode").asText());
        assertTrue(direct.path("disable_notification").asBoolean());
        var logged = TestDatabase.shared().rows("""
                select a.request_headers::text as headers from delivery_attempt a join delivery d on d.id = a.delivery_id
                where d.endpoint_id = ?""", endpoint);
        assertFalse(logged.isEmpty());
        logged.forEach(row -> assertFalse(((String) row.get("headers")).contains(token), "the bot token is never logged"));
    }

    @Test
    void emailUsesTheSeedTemplateForTheEventAndTheGenericOneOtherwise() throws Exception {
        String to = "ops-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String endpoint = channelEndpoint("email", "mailto:" + to, "{}", null, "deposit.confirmed", "forum.thread_created");
        String deposit = publish("deposit.confirmed", """
                {"userId":123,"orderId":"cc_1","internalTxId":"tx_1","coin":"ETH","amount":"0.025","network":"ethereum",
                 "transactionHash":"0x1234","creditCoin":"DGT","credited":875.00,"conversionRate":35000.00,"newBalance":1500.50}""");
        String thread = publish("forum.thread_created", "{\"threadId\":7,\"title\":\"Fish & <chips>\",\"authorId\":123}");

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(deposit, endpoint))
                && "SUCCESS".equals(status(thread, endpoint)) && mail.receivedBy(to).size() == 2);
        MailServer.ReceivedMail depositMail = mail.receivedBy(to).stream().filter(m -> m.subject().startsWith("Deposit")).findFirst().orElseThrow();
        assertEquals("Deposit confirmed: 875.00 DGT", depositMail.subject());
        assertTrue(depositMail.body().contains("0x1234"), depositMail.body());
        MailServer.ReceivedMail threadMail = mail.receivedBy(to).stream().filter(m -> m.subject().startsWith("forum.")).findFirst().orElseThrow();
        assertTrue(threadMail.body().contains("Fish &amp; &lt;chips&gt;"), "values are HTML-escaped: " + threadMail.body());
        assertTrue(threadMail.from().contains("notifications@hookgate.local"));
    }

    @Test
    void anEmailSendRendersEachOfTheSixTemplatesToItsOwnRecipient() throws Exception {
        String endpoint = channelEndpoint("email", "mailto:unused@example.com", "{}", null);
        Map<String, String> subjects = Map.of(
                "deposit_confirmed", "Deposit confirmed: 875.00 DGT",
                "withdrawal_approved", "Withdrawal approved: 0.5 ETH",
                "level_up", "You reached level 16!",
                "achievement_unlocked", "Achievement unlocked: First post",
                "security_alert", "Security alert: new login",
                "suspension_notice", "Your account has been suspended");
        Map<String, String> data = Map.of(
                "deposit_confirmed", "{\"username\":\"cryptoking\",\"amount\":875.00,\"coin\":\"DGT\",\"txHash\":\"0x1234567890abcdef\"}",
                "withdrawal_approved", "{\"username\":\"cryptoking\",\"amount\":\"0.5\",\"coin\":\"ETH\"}",
                "level_up", "{\"username\":\"cryptoking\",\"newLevel\":16,\"xp\":9000}",
                "achievement_unlocked", "{\"username\":\"cryptoking\",\"achievement\":{\"name\":\"First post\"}}",
                "security_alert", "{\"username\":\"cryptoking\",\"event\":\"new login\",\"ip\":\"203.0.113.7\"}",
                "suspension_notice", "{\"username\":\"cryptoking\",\"reason\":\"spam\"}");
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (String template : subjects.keySet()) {
            publish("notification.email", "{\"template\":\"" + template + "\",\"to\":\"" + template + "-" + run
                    + "@example.com\",\"data\":" + data.get(template) + "}", endpoint);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> subjects.keySet().stream()
                .allMatch(t -> mail.receivedBy(t + "-" + run + "@example.com").size() == 1));
        subjects.forEach((template, subject) -> {
            MailServer.ReceivedMail received = mail.receivedBy(template + "-" + run + "@example.com").getFirst();
            assertEquals(subject, received.subject());
            assertTrue(received.body().contains("cryptoking"), received.body());
        });
        assertTrue(mail.receivedBy("unused@example.com").isEmpty(), "a send goes to its own recipient only");
    }

    @Test
    void aTargetedEventReachesOnlyItsTargetsNotTheTypesSubscribers() throws Exception {
        String targetPath = path();
        String subscriberPath = path();
        String target = channelEndpoint("discord", receiver.url(targetPath), "{}", null);
        String subscriber = channelEndpoint("discord", receiver.url(subscriberPath), "{}", null, "forum.like_added");
        String eventId = publish("forum.like_added", "{\"postId\":1,\"userId\":2,\"likedBy\":3}", target);

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(eventId, target)));
        assertEquals(1, receiver.receivedOn(targetPath).size());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> receiver.receivedOn(subscriberPath).isEmpty());
        assertNull(status(eventId, subscriber));
    }

    private JsonNode bodyOf(TestReceiver.Received request) {
        try {
            return body(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
