package io.hookgate.ingest.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * One analytics event as seed 000 sends it ({@code {event, userId, properties, context}}), checked: a snake_case or
 * dotted name, a user id that is a number or a short string, objects for properties and context, and an optional
 * ISO-8601 {@code properties.timestamp} that becomes the event's time (otherwise the time it was received).
 */
@RegisterForReflection
record AnalyticsEvent(String event, String userId, JsonNode properties, JsonNode context, Instant occurredAt) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_.]{0,63}");
    static final int MAX_PROPERTIES = 100;

    /** Reads and checks one event; {@code at} names it in errors ({@code events[3]}, or empty for a single event). */
    static AnalyticsEvent of(JsonNode node, String at, Instant now) {
        String prefix = at.isEmpty() ? "" : at + ".";
        if (node == null || !node.isObject()) {
            throw invalid((at.isEmpty() ? "the body" : at) + " must be an object");
        }
        String name = node.path("event").asText(null);
        if (name == null || !node.path("event").isTextual() || !NAME.matcher(name).matches()) {
            throw invalid(prefix + "event must be a name such as page_view (lower case, digits, _ and ., at most 64)");
        }
        JsonNode user = node.get("userId");
        String userId = null;
        if (user != null && !user.isNull()) {
            if (!(user.isIntegralNumber() || user.isTextual() && !user.asText().isBlank() && user.asText().length() <= 64)) {
                throw invalid(prefix + "userId must be a whole number or a string of at most 64 characters");
            }
            userId = user.asText();
        }
        JsonNode properties = object(node.get("properties"), prefix + "properties");
        JsonNode context = object(node.get("context"), prefix + "context");
        Instant occurredAt = now;
        JsonNode timestamp = properties == null ? null : properties.get("timestamp");
        if (timestamp != null && !timestamp.isNull()) {
            try {
                occurredAt = OffsetDateTime.parse(timestamp.asText()).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(prefix + "properties.timestamp must be ISO-8601 with an offset, such as 2025-01-01T12:00:00Z");
            }
            if (occurredAt.isBefore(Instant.EPOCH) || occurredAt.isAfter(now.plus(java.time.Duration.ofDays(1)))) {
                throw invalid(prefix + "properties.timestamp must be between 1970 and a day from now");
            }
        }
        return new AnalyticsEvent(name, userId, properties, context, occurredAt);
    }

    private static JsonNode object(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject() || node.size() > MAX_PROPERTIES) {
            throw invalid(field + " must be an object with at most " + MAX_PROPERTIES + " fields");
        }
        return node;
    }

    private static WebhookException invalid(String detail) {
        return new WebhookException(WebhookError.WEBHOOK_007, detail);
    }
}
