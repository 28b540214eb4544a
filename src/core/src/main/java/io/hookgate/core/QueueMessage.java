package io.hookgate.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The body of a message on the events queue ({@code fanout}) or the deliveries queue ({@code deliver}). A deliver
 * message names what caused it ({@code trigger}: automatic, manual, recover, replay), which the attempt log keeps.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueMessage(String kind, String eventId, String deliveryId, String trigger) {

    public static final String FANOUT = "fanout";
    public static final String DELIVER = "deliver";
    public static final String AUTOMATIC = "automatic";

    public static QueueMessage fanout(String eventId) {
        return new QueueMessage(FANOUT, eventId, null, null);
    }

    public static QueueMessage deliver(String deliveryId, String trigger) {
        return new QueueMessage(DELIVER, null, deliveryId, trigger);
    }

    /** The trigger of a deliver message; messages without one are automatic. */
    public String triggerOrAutomatic() {
        return trigger == null ? AUTOMATIC : trigger;
    }
}
