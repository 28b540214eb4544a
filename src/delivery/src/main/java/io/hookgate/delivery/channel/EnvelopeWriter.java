package io.hookgate.delivery.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.EventType;
import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.endpoint.DeliveryProfile;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.event.Event;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes the outbound envelope of the endpoint's {@link DeliveryProfile}. The {@code standard} one is
 * {@code {event_id, event, timestamp, data, webhook: {id, name}, metadata: {source, version, origin}}}; {@code origin}
 * says who produced the event: a provider ({@code ccpayment}, {@code price-feed}, a registered source), Hookgate's API
 * on a caller's behalf ({@code api}, {@code admin}, {@code admin-test}) or a socket user ({@code user:<id>}); reserved
 * types never come from {@code api}. The seeds' profiles write each seed's own envelope.
 */
@ApplicationScoped
public class EnvelopeWriter {

    static final String VERSION = "1";
    static final String SEED000_VERSION = "2.0";
    static final String TEST_EVENT = "test.event";

    private final ObjectMapper json;
    private final DeliveryConfig config;
    private final EventCatalogue catalogue;

    public EnvelopeWriter(ObjectMapper json, DeliveryConfig config, EventCatalogue catalogue) {
        this.json = json;
        this.config = config;
        this.catalogue = catalogue;
    }

    /** The event's name as the profile's receivers know it: seed 000's underscore alias, seed 002's {@code test}. */
    public String eventName(DeliveryProfile profile, String type) {
        return switch (profile) {
            case SEED000 -> catalogue.resolve(type).map(EventType::aliases).filter(a -> !a.isEmpty()).map(a -> a.getFirst()).orElse(type);
            case SEED002 -> TEST_EVENT.equals(type) ? "test" : type;
            default -> type;
        };
    }

    public byte[] write(Event event, Endpoint endpoint) {
        try {
            DeliveryProfile profile = endpoint.deliveryProfile();
            JsonNode data = json.readTree(event.payload);
            String name = eventName(profile, event.type);
            String timestamp = DateTimeFormatter.ISO_INSTANT.format(event.createdAt.toInstant());
            ObjectNode envelope = json.createObjectNode();
            switch (profile) {
                case STANDARD -> {
                    envelope.put("event_id", event.id).put("event", name).put("timestamp", timestamp).set("data", data);
                    envelope.putObject("webhook").put("id", endpoint.id).put("name", endpoint.name);
                    envelope.putObject("metadata").put("source", config.source()).put("version", VERSION).put("origin", event.source);
                }
                case SEED000 -> {
                    envelope.put("event", name).put("timestamp", timestamp).set("data", data);
                    envelope.putObject("metadata").put("source", config.source()).put("version", SEED000_VERSION)
                            .put("webhookId", endpoint.id).put("eventId", event.id);
                }
                case SEED001 -> envelope.put("event", name).put("timestamp", event.createdAt.toEpochSecond()).<ObjectNode>set("data", data)
                        .put("source", config.source());
                case SEED002 -> envelope.put("event", name).put("timestamp", timestamp).set("data", asJavaScriptWouldWrite(data));
                case SEED003 -> envelope.put("event", name).put("timestamp", timestamp).<ObjectNode>set("data", data)
                        .put("webhook_id", endpoint.id);
                case SEED004 -> {
                    envelope.put("event_id", event.id).put("timestamp", timestamp);
                    envelope.putObject("webhook").put("id", endpoint.id).put("name", endpoint.name);
                    envelope.set("data", withEventType(name, data));
                }
            }
            return json.writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id + " has an unreadable payload", e);
        }
    }

    /** Seed 004's receivers switch on {@code data.event_type}: it comes first, then the event's own fields. */
    private ObjectNode withEventType(String name, JsonNode data) {
        ObjectNode out = json.createObjectNode().put("event_type", name);
        if (data.isObject()) {
            data.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("event_type")) {
                    out.set(field.getKey(), field.getValue());
                }
            });
        } else {
            out.set("payload", data);
        }
        return out;
    }

    /**
     * Seed 002's receivers verify {@code JSON.stringify(req.body)}, so every number is written as JavaScript writes it
     * back ({@code 1.50} as {@code 1.5}, {@code 150.00} as {@code 150}); the body is compact and keeps its field order.
     */
    private JsonNode asJavaScriptWouldWrite(JsonNode node) {
        if (node.isFloatingPointNumber()) {
            BigDecimal value = new BigDecimal(Double.toString(node.doubleValue())).stripTrailingZeros();
            return json.getNodeFactory().rawValueNode(new RawValue(value.scale() <= 0 ? value.toBigInteger().toString() : value.toPlainString()));
        }
        if (node.isObject()) {
            ObjectNode out = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                out.set(field.getKey(), asJavaScriptWouldWrite(field.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = json.createArrayNode();
            node.forEach(item -> out.add(asJavaScriptWouldWrite(item)));
            return out;
        }
        return node;
    }
}
