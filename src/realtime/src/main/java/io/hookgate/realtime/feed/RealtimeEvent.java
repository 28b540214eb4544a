package io.hookgate.realtime.feed;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vertx.core.json.JsonObject;

/**
 * A committed event for WebSocket clients: its position in the event log, its address (user, room), its data, and
 * its source ({@code ws:<userId>} when a client sent it, so it is not echoed to that user).
 */
@RegisterForReflection
public record RealtimeEvent(long seq, String id, String type, String userId, String room, JsonObject data, String source) {

    public RealtimeEvent(long seq, String id, String type, String userId, String room, JsonObject data) {
        this(seq, id, type, userId, room, data, null);
    }
}
