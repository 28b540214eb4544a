package io.hookgate.delivery.channel;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An event as people read it in a chat message or an email: its type, the catalogue's description, and its data's
 * top-level fields as text (nested values as compact JSON).
 */
@RegisterForReflection
record EventSummary(String eventId, String type, String description, Instant occurredAt, List<Map.Entry<String, String>> fields) {

    static EventSummary of(String eventId, String type, String description, Instant occurredAt, JsonNode data) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        if (data != null && data.isObject()) {
            data.properties().forEach(field -> fields.add(Map.entry(field.getKey(),
                    field.getValue().isValueNode() ? field.getValue().asText() : field.getValue().toString())));
        }
        return new EventSummary(eventId, type, description, occurredAt, List.copyOf(fields));
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
