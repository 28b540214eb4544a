package io.hookgate.realtime.socket;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** Seed 000's server envelope {@code {type, data, timestamp}}. */
final class ServerMessage {

    private ServerMessage() {
    }

    static String of(String type, JsonObject data) {
        return new JsonObject().put("type", type).put("data", data == null ? new JsonObject() : data)
                .put("timestamp", Instant.now().toString()).encode();
    }

    static String error(String code, String message) {
        return of("error", new JsonObject().put("error", code).put("message", message));
    }
}
