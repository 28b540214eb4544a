package io.hookgate.realtime.feed;

import io.vertx.core.json.JsonObject;

/** A committed event for WebSocket clients: its position in the event log, its address (user, room) and data. */
public record RealtimeEvent(long seq, String id, String type, String userId, String room, JsonObject data) {
}
