package io.hookgate.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of a message on the events queue ({@code fanout}) or the deliveries queue ({@code deliver}). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueueMessage(String kind, String eventId, String deliveryId) {

    public static final String FANOUT = "fanout";
    public static final String DELIVER = "deliver";

    public static QueueMessage fanout(String eventId) {
        return new QueueMessage(FANOUT, eventId, null);
    }

    public static QueueMessage deliver(String deliveryId) {
        return new QueueMessage(DELIVER, null, deliveryId);
    }
}
