package io.hookgate.catalogue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event types Hookgate knows: the union of the source documents' events (resource/event-catalogue.json). Names
 * are dotted; seed 000's underscore names resolve as aliases. Subscriptions are a type, {@code *}, or
 * {@code prefix.*}, which matches every type whose name starts with {@code prefix.} or whose category is {@code prefix}.
 * Events from registered inbound sources form an open family, {@code source.<source name>.<provider type>}, all
 * described by the catalogue's {@code source.*} entry.
 */
@ApplicationScoped
public class EventCatalogue {

    public static final String WILDCARD = "*";
    private static final String RESOURCE = "/event-catalogue.json";
    /** The catalogue entry describing every inbound source event. */
    public static final String SOURCE_EVENTS = "source.*";
    private static final Pattern SOURCE_EVENT = Pattern.compile("source\\.[a-z0-9][a-z0-9-]{0,39}\\.[A-Za-z0-9_.:/-]{1,120}");

    private final List<EventType> types;
    private final Map<String, EventType> byNameOrAlias = new LinkedHashMap<>();
    private final Map<String, Validator> validators = new LinkedHashMap<>();

    public EventCatalogue(ObjectMapper json) {
        try (InputStream in = EventCatalogue.class.getResourceAsStream(RESOURCE)) {
            this.types = List.copyOf(json.readValue(in, new TypeReference<List<EventType>>() { }));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://hookgate.io/schemas/").setOutputFormat(OutputFormat.Basic);
        for (EventType type : types) {
            byNameOrAlias.put(type.name(), type);
            type.aliases().forEach(alias -> byNameOrAlias.put(alias, type));
            validators.put(type.name(), Validator.create(JsonSchema.of(new JsonObject(type.schema().toString())), options));
        }
    }

    public List<EventType> all() {
        return types;
    }

    /** The type a name or alias stands for. */
    public Optional<EventType> resolve(String nameOrAlias) {
        EventType type = byNameOrAlias.get(nameOrAlias);
        if (type == null && isSourceEvent(nameOrAlias)) {
            type = byNameOrAlias.get(SOURCE_EVENTS);
        }
        return Optional.ofNullable(type);
    }

    /** Whether a name is an inbound source's event type, {@code source.<source name>.<provider type>}. */
    public static boolean isSourceEvent(String name) {
        return name != null && SOURCE_EVENT.matcher(name).matches();
    }

    /**
     * The canonical form of a subscription entry ({@code level_up} becomes {@code user.level_up}), or empty when it
     * names nothing in the catalogue.
     */
    public Optional<String> normalizeSubscription(String entry) {
        if (WILDCARD.equals(entry) || isSourceEvent(entry)) {
            return Optional.of(entry);
        }
        if (entry.endsWith(".*")) {
            String prefix = entry.substring(0, entry.length() - 2);
            boolean matchesSomething = types.stream().anyMatch(t -> matchesPrefix(t, prefix)) || isSourceEvent(prefix + ".x");
            return matchesSomething ? Optional.of(entry) : Optional.empty();
        }
        return resolve(entry).map(EventType::name);
    }

    /** Whether a subscription entry covers an event type. */
    public boolean matches(String subscription, String eventType) {
        if (WILDCARD.equals(subscription) || subscription.equals(eventType)) {
            return true;
        }
        if (!subscription.endsWith(".*")) {
            return false;
        }
        String prefix = subscription.substring(0, subscription.length() - 2);
        return eventType.startsWith(prefix + ".") || resolve(eventType).map(t -> matchesPrefix(t, prefix)).orElse(false);
    }

    /** Schema violations of a payload for a type, as {@code location: message}; empty when the payload is valid. */
    public List<String> violations(EventType type, JsonNode payload) {
        Object instance = payload.isObject() ? new JsonObject(payload.toString()) : payload.isNull() ? null : payload.toString();
        OutputUnit result = validators.get(type.name()).validate(instance);
        if (Boolean.TRUE.equals(result.getValid())) {
            return List.of();
        }
        List<OutputUnit> errors = result.getErrors() == null || result.getErrors().isEmpty() ? List.of(result) : result.getErrors();
        return errors.stream()
                .map(e -> (e.getInstanceLocation() == null || e.getInstanceLocation().isEmpty() ? "payload" : "payload" + e.getInstanceLocation().replace('/', '.'))
                        + ": " + e.getError())
                .distinct()
                // a schema with one variant per seed (anyOf) says first what each variant misses, then that none fits
                .sorted(java.util.Comparator.comparing(message -> message.endsWith("does not match any subschemas")))
                .toList();
    }

    /**
     * The type of an event about to be emitted, after checking that it exists, that the payload fits
     * {@link PayloadLimits} and that it satisfies the type's schema; an unknown type or a payload that does not is
     * refused with {@link InvalidEventException}. Every event Hookgate stores passes here.
     */
    public EventType requireValid(String nameOrAlias, JsonNode payload) {
        EventType type = resolve(nameOrAlias).orElseThrow(() -> new InvalidEventException(nameOrAlias, List.of("unknown event type")));
        List<String> beyondLimits = PayloadLimits.violations(payload);
        if (!beyondLimits.isEmpty()) {
            throw new InvalidEventException(type.name(), beyondLimits);
        }
        List<String> violations = violations(type, payload);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(type.name(), violations);
        }
        return type;
    }

    private static boolean matchesPrefix(EventType type, String prefix) {
        return type.name().startsWith(prefix + ".") || type.category().equals(prefix);
    }
}
