package io.hookgate.realtime.socket;

import io.hookgate.realtime.feed.RealtimeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clients connected to this instance and the push of committed events to those that want them. A client whose
 * unwritten frames exceed the send buffer is disconnected rather than allowed to hold memory and slow the others; a
 * silent one is closed; on shutdown every client is told to reconnect.
 */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);
    /** RFC 6455: try again later (the client fell behind). */
    static final CloseReason TOO_SLOW = new CloseReason(1013, "too slow: the send buffer is full; reconnect and resume");
    /** RFC 6455: service restart. */
    static final CloseReason RESTARTING = new CloseReason(1012, "server restarting; reconnect and resume");

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
    private final SocketConfig config;
    private final Counter sent;
    private final Counter droppedSlow;
    private final Counter closedSilent;

    public SessionRegistry(SocketConfig config, MeterRegistry metrics) {
        this.config = config;
        Gauge.builder("hookgate.realtime.connections", sessions, Map::size).description("Open WebSocket connections").register(metrics);
        this.sent = Counter.builder("hookgate.realtime.messages.sent").description("Event frames pushed to clients").register(metrics);
        this.droppedSlow = Counter.builder("hookgate.realtime.drops").tag("reason", "slow").description("Clients disconnected").register(metrics);
        this.closedSilent = Counter.builder("hookgate.realtime.drops").tag("reason", "silent").description("Clients disconnected").register(metrics);
    }

    ClientSession open(WebSocketConnection connection) {
        ClientSession session = new ClientSession(connection);
        sessions.put(connection.id(), session);
        return session;
    }

    ClientSession get(String connectionId) {
        return sessions.get(connectionId);
    }

    void close(String connectionId) {
        sessions.remove(connectionId);
    }

    public int size() {
        return sessions.size();
    }

    /** Whether the user already has as many authenticated connections here as one user may. */
    boolean atConnectionLimit(String userId) {
        return sessions.values().stream().filter(s -> userId.equals(s.userId)).count() >= config.maxConnectionsPerUser();
    }

    /** Pushes an event to every matching client (at most once per client); returns how many it was sent to. */
    public int push(RealtimeEvent event) {
        String message = ServerMessage.event(event);
        int count = 0;
        for (ClientSession session : sessions.values()) {
            if (session.wants(event.type(), event.userId(), event.room(), event.source()) && session.connection.isOpen()) {
                send(session, message);
                count++;
            }
        }
        return count;
    }

    private void send(ClientSession session, String frame) {
        if (session.pending.incrementAndGet() > config.sendBufferFrames()) {
            session.pending.decrementAndGet();
            if (sessions.remove(session.connection.id()) != null) {
                droppedSlow.increment();
                LOG.infof("client %s (user %s) dropped: %d frames unwritten", session.connection.id(), session.userId, config.sendBufferFrames());
                session.connection.close(TOO_SLOW).subscribe().with(ok -> { }, e -> { });
            }
            return;
        }
        sent.increment();
        session.connection.sendText(frame).subscribe().with(ok -> session.pending.decrementAndGet(), e -> {
            session.pending.decrementAndGet();
            LOG.debugf("push to %s failed: %s", session.connection.id(), e.getMessage());
        });
    }

    /** Closes connections that have sent nothing, not even a pong to the server's pings, for {@code dead-after}. */
    @Scheduled(every = "${hookgate.realtime.socket.sweep-every:10s}")
    void closeSilent() {
        long now = System.nanoTime();
        for (ClientSession session : sessions.values()) {
            if (now - session.lastSeen > config.deadAfter().toNanos() && sessions.remove(session.connection.id()) != null) {
                closedSilent.increment();
                session.connection.close(new CloseReason(1001, "no sign of life for " + config.deadAfter().toSeconds() + " s"))
                        .subscribe().with(ok -> { }, e -> { });
            }
        }
    }

    /** Tells every client the server is going away, so it reconnects (to another instance) and resumes. */
    void onShutdown(@Observes ShutdownEvent event) {
        closeAllForRestart();
    }

    /** Sends {@code server_shutdown} to every client and closes it with 1012 (service restart). */
    public void closeAllForRestart() {
        String notice = ServerMessage.of("server_shutdown", new JsonObject().put("reconnect", true)
                .put("message", "This server is restarting; reconnect and resume from your last event id"));
        for (ClientSession session : sessions.values()) {
            sessions.remove(session.connection.id());
            session.connection.sendText(notice).chain(() -> session.connection.close(RESTARTING))
                    .subscribe().with(ok -> { }, e -> { });
        }
    }
}
