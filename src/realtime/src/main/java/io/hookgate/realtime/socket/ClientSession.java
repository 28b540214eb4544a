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
    /** The rooms it may join: the public ones and those its token grants. */
    final Set<String> allowedRooms = ConcurrentHashMap.newKeySet();
    /** The rooms it joined by subscribing with a room filter. */
    final Set<String> rooms = ConcurrentHashMap.newKeySet();
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

    /**
     * Whether a committed event reaches this client: subscribed to its type, addressed to this user or to a room it
     * joined (or to everyone), and not sent by this user itself.
     */
    boolean wants(String type, String eventUserId, String eventRoom, String source) {
        if (!authenticated() || !(events.contains(type) || events.contains("*"))) {
            return false;
        }
        if (eventUserId != null && !eventUserId.equals(userId)) {
            return false;
        }
        if (source != null && source.equals(ClientSession.SOURCE_PREFIX + userId)) {
            return false;
        }
        return eventRoom == null || rooms.contains(eventRoom);
    }

    static final String SOURCE_PREFIX = "ws:";
}
