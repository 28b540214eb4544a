package io.hookgate.realtime.socket;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** Seed 000's server envelope {@code {type, data, timestamp}}; pushed events also carry their {@code id}. */
final class ServerMessage {

    private ServerMessage() {
    }

    static String of(String type, JsonObject data) {
        return new JsonObject().put("type", type).put("data", data == null ? new JsonObject() : data)
                .put("timestamp", Instant.now().toString()).encode();
    }

    /** A pushed event: the envelope plus its {@code id}, which a reconnecting client passes to {@code resume}. */
    static String event(io.hookgate.realtime.feed.RealtimeEvent event) {
        return new JsonObject().put("type", event.type()).put("data", event.data() == null ? new JsonObject() : event.data())
                .put("timestamp", Instant.now().toString()).put("id", event.id()).encode();
    }

    static String error(String code, String message) {
        return of("error", new JsonObject().put("error", code).put("message", message));
    }
}
