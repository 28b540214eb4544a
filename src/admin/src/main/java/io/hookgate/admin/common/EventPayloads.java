package io.hookgate.admin.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.EventType;
import io.hookgate.catalogue.InvalidEventException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.stream.Collectors;

/** Checks an event an API caller emits against the catalogue, answering a 422 that names each field to fix. */
@ApplicationScoped
public class EventPayloads {

    private final EventCatalogue catalogue;

    public EventPayloads(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /**
     * The type, after checking the payload against its schema. {@code typeField} names the request field holding the
     * type; {@code root} the one holding the payload ({@code data}), or empty when the payload is the body itself.
     */
    public EventType validated(String typeName, JsonNode payload, String typeField, String root) {
        try {
            return catalogue.requireValid(typeName, payload);
        } catch (InvalidEventException e) {
            if (catalogue.resolve(typeName).isEmpty()) {
                throw ApiException.invalid(typeField, "unknown event type '" + typeName + "'; GET /api/v1/webhooks/events/available lists the types");
            }
            throw new ApiException(422, "validation_failed", "The request has invalid fields", e.violations().stream()
                    .map(v -> fieldError(v, root))
                    .collect(Collectors.toMap(Problem.FieldError::field, f -> f, (first, second) -> first, LinkedHashMap::new))
                    .values().stream().toList());
        }
    }

    /**
     * {@link #validated} for an event an API caller asks to emit or test-send: a reserved type (a deposit, a price,
     * {@code endpoint.*}, {@code source.*}) only ever comes from Hookgate itself, so receivers can trust it; any key
     * asking for one gets 403 {@code reserved_event_type}.
     */
    public EventType emittable(String typeName, JsonNode payload, String typeField, String root) {
        catalogue.resolve(typeName).filter(EventType::reserved).ifPresent(type -> {
            throw new ApiException(403, "reserved_event_type", "'" + type.name() + "' is produced by Hookgate only ("
                    + type.category() + "); emit a type of your own, such as order.created",
                    java.util.List.of(new Problem.FieldError(typeField, "reserved for events Hookgate produces")));
        });
        return validated(typeName, payload, typeField, root);
    }

    /** {@code payload.to: message} becomes the field {@code to}, or {@code data.to} under the root {@code data}. */
    private static Problem.FieldError fieldError(String violation, String root) {
        int colon = violation.indexOf(": ");
        String path = (colon < 0 ? "" : violation.substring(0, colon)).replaceFirst("^payload", "").replaceAll("^[#./]+", "");
        String field = root.isEmpty() ? (path.isEmpty() ? "body" : path) : (path.isEmpty() ? root : root + "." + path);
        return new Problem.FieldError(field, colon < 0 ? violation : violation.substring(colon + 2));
    }
}
