package io.hookgate.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The body of a message on the events queue ({@code fanout}) or the deliveries queue ({@code deliver}). A fan-out
 * message names the events to fan out ({@code eventIds}, up to {@link #MAX_EVENTS}; {@code eventId} alone is the
 * older one-event form, still read). A deliver message names what caused it ({@code trigger}: automatic, manual,
 * recover, replay), which the attempt log keeps.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueMessage(String kind, String eventId, List<String> eventIds, String deliveryId, String trigger) {

    public static final String FANOUT = "fanout";
    public static final String DELIVER = "deliver";
    public static final String AUTOMATIC = "automatic";
    /** Most events in one fan-out message: about 3.5 KB of ids, and one fan-out transaction of reasonable size. */
    public static final int MAX_EVENTS = 100;

    public static QueueMessage fanout(List<String> eventIds) {
        if (eventIds.isEmpty() || eventIds.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("a fan-out message names 1 to " + MAX_EVENTS + " events, not " + eventIds.size());
        }
        return new QueueMessage(FANOUT, null, List.copyOf(eventIds), null, null);
    }

    public static QueueMessage deliver(String deliveryId, String trigger) {
        return new QueueMessage(DELIVER, null, null, deliveryId, trigger);
    }

    /** The events a fan-out message names, in either form. */
    public List<String> events() {
        if (eventIds != null) {
            return eventIds;
        }
        return eventId == null ? List.of() : List.of(eventId);
    }

    /** The trigger of a deliver message; messages without one are automatic. */
    public String triggerOrAutomatic() {
        return trigger == null ? AUTOMATIC : trigger;
    }
}
