package io.hookgate.realtime.socket;

import io.quarkus.websockets.next.WebSocketConnection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One WebSocket client: who it authenticated as, and which events and room it subscribed to. */
final class ClientSession {

    final WebSocketConnection connection;
    volatile String userId;
    volatile boolean admin;
    volatile String room;
    final Set<String> events = ConcurrentHashMap.newKeySet();
    /** Frames handed to the connection and not yet written. */
    final AtomicInteger pending = new AtomicInteger();
    /** When the client last sent anything, a pong included (System.nanoTime). */
    volatile long lastSeen = System.nanoTime();

    ClientSession(WebSocketConnection connection) {
        this.connection = connection;
    }

    boolean authenticated() {
        return userId != null;
    }

    /** Whether a committed event reaches this client: subscribed, addressed to it or to its room, or to everyone. */
    boolean wants(String type, String eventUserId, String eventRoom) {
        if (!authenticated() || !(events.contains(type) || events.contains("*"))) {
            return false;
        }
        if (eventUserId != null && !eventUserId.equals(userId)) {
            return false;
        }
        return eventRoom == null || eventRoom.equals(room);
    }
}
