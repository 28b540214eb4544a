package io.hookgate.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.event.Event;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.format.DateTimeFormatter;

/**
 * Writes the outbound envelope {@code {event_id, event, timestamp, data, webhook: {id, name}, metadata: {source,
 * version, origin}}}. {@code origin} says who produced the event: a provider ({@code ccpayment}, {@code price-feed},
 * a registered source), Hookgate's API on a caller's behalf ({@code api}, {@code admin}, {@code admin-test}) or a
 * socket user ({@code user:<id>}); reserved types never come from {@code api}.
 */
@ApplicationScoped
public class EnvelopeWriter {

    static final String VERSION = "1";

    private final ObjectMapper json;
    private final DeliveryConfig config;

    public EnvelopeWriter(ObjectMapper json, DeliveryConfig config) {
        this.json = json;
        this.config = config;
    }

    public byte[] write(Event event, Endpoint endpoint) {
        try {
            ObjectNode envelope = json.createObjectNode();
            envelope.put("event_id", event.id);
            envelope.put("event", event.type);
            envelope.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(event.createdAt.toInstant()));
            envelope.set("data", json.readTree(event.payload));
            envelope.putObject("webhook").put("id", endpoint.id).put("name", endpoint.name);
            envelope.putObject("metadata").put("source", config.source()).put("version", VERSION)
                    .put("origin", event.source);
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id + " has an unreadable payload", e);
        }
    }
}
