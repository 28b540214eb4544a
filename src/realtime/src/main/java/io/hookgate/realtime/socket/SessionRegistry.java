package io.hookgate.realtime.socket;

import io.hookgate.realtime.feed.RealtimeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The clients connected to this instance, and the push of one committed event to those that want it. */
@ApplicationScoped
public class SessionRegistry {

    private static final Logger LOG = Logger.getLogger(SessionRegistry.class);

    private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();

    ClientSession open(io.quarkus.websockets.next.WebSocketConnection connection) {
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

    /** Pushes an event to every matching client; returns how many it was sent to. */
    public int push(RealtimeEvent event) {
        String message = ServerMessage.event(event);
        int sent = 0;
        for (ClientSession session : sessions.values()) {
            if (session.wants(event.type(), event.userId(), event.room()) && session.connection.isOpen()) {
                session.connection.sendText(message).subscribe().with(ok -> { }, e -> LOG.debugf("push to %s failed: %s",
                        session.connection.id(), e.getMessage()));
                sent++;
            }
        }
        return sent;
    }
}
