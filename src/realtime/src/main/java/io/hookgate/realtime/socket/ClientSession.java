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
    /** When the token it authenticated with stops being valid; nothing reaches it after that. */
    volatile java.time.Instant expiresAt = java.time.Instant.MAX;
    /** The chat rate limit's theoretical arrival time (GCRA, System.nanoTime). */
    private long chatTat = System.nanoTime();

    ClientSession(WebSocketConnection connection) {
        this.connection = connection;
    }

    boolean authenticated() {
        return userId != null && java.time.Instant.now().isBefore(expiresAt);
    }

    /** Takes a chat slot: at most {@code burst} at once, then one per {@code interval}; false when none is free. */
    synchronized boolean takeChatSlot(long intervalNanos, int burst) {
        long now = System.nanoTime();
        long tat = Math.max(chatTat, now);
        if (tat - now > intervalNanos * (burst - 1)) {
            return false;
        }
        chatTat = tat + intervalNanos;
        return true;
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
