package io.hookgate.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The bodies that Discord webhooks, Slack incoming webhooks and the Telegram Bot API's {@code sendMessage} accept,
 * within each service's documented size limits.
 */
@ApplicationScoped
class ChatMessages {

    static final String TELEGRAM_SEND = "notification.telegram";
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json", "User-Agent", "Hookgate/1");

    private final ObjectMapper json;

    ChatMessages(ObjectMapper json) {
        this.json = json;
    }

    /** A Discord webhook execution: a bold one-line {@code content} and one embed with up to 25 fields. */
    OutboundMessage.Http discord(URI url, EventSummary event) {
        ObjectNode body = json.createObjectNode();
        body.put("username", "Hookgate");
        body.put("content", EventSummary.truncate("**" + event.description() + "**", 2000));
        ObjectNode embed = body.putArray("embeds").addObject();
        embed.put("title", EventSummary.truncate(event.type(), 256));
        embed.put("description", EventSummary.truncate(event.description(), 4096));
        embed.put("timestamp", event.occurredAt().toString());
        embed.putObject("footer").put("text", event.eventId());
        ArrayNode fields = embed.putArray("fields");
        event.fields().stream().limit(25).forEach(field -> fields.addObject()
                .put("name", EventSummary.truncate(field.getKey(), 256))
                .put("value", EventSummary.truncate(field.getValue().isEmpty() ? "—" : field.getValue(), 1024))
                .put("inline", true));
        return post(url, body);
    }

    /** A Slack incoming-webhook message: fallback {@code text}, a header and a section of up to 10 fields. */
    OutboundMessage.Http slack(URI url, EventSummary event) {
        ObjectNode body = json.createObjectNode();
        body.put("text", EventSummary.truncate(event.type() + ": " + event.description(), 3000));
        ArrayNode blocks = body.putArray("blocks");
        blocks.addObject().put("type", "header").putObject("text").put("type", "plain_text")
                .put("text", EventSummary.truncate(event.type(), 150));
        ObjectNode section = blocks.addObject().put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", EventSummary.truncate(event.description(), 3000));
        if (!event.fields().isEmpty()) {
            ArrayNode fields = section.putArray("fields");
            event.fields().stream().limit(10).forEach(field -> fields.addObject().put("type", "mrkdwn")
                    .put("text", EventSummary.truncate("*" + field.getKey() + "*\n" + field.getValue(), 2000)));
        }
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", event.eventId() + " · " + event.occurredAt());
        return post(url, body);
    }

    /**
     * A Bot API {@code sendMessage}. An admin's Telegram send carries its own chat, text and parse mode; any other
     * event becomes an HTML message to the endpoint's chat.
     */
    OutboundMessage.Http telegram(URI apiBase, String botToken, JsonNode channelConfig, EventSummary event, JsonNode data) {
        ObjectNode body = json.createObjectNode();
        if (TELEGRAM_SEND.equals(event.type())) {
            body.set("chat_id", data.get("chatId"));
            body.put("text", data.path("message").asText());
            if (data.hasNonNull("parseMode")) {
                body.put("parse_mode", data.get("parseMode").asText());
            }
            body.put("disable_notification", data.path("disableNotification").asBoolean(false));
        } else {
            body.set("chat_id", channelConfig.get("chatId"));
            StringBuilder text = new StringBuilder("<b>").append(html(event.description())).append("</b>\n")
                    .append("<code>").append(html(event.type())).append("</code>");
            event.fields().forEach(field -> text.append('\n').append("<b>").append(html(field.getKey())).append(":</b> ")
                    .append(html(field.getValue())));
            body.put("text", EventSummary.truncate(text.toString(), 4096));
            body.put("parse_mode", "HTML");
            body.put("disable_notification", channelConfig.path("disableNotification").asBoolean(false));
        }
        return post(URI.create(apiBase.toString().replaceAll("/+$", "") + "/bot" + botToken + "/sendMessage"), body);
    }

    private OutboundMessage.Http post(URI url, ObjectNode body) {
        try {
            return new OutboundMessage.Http(url, JSON_HEADERS, json.writeValueAsBytes(body), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
