package io.hookgate.event;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;

/**
 * Sends a committed realtime event on the PostgreSQL channel that every realtime instance LISTENs on. It runs after
 * commit, never inside the business transaction, because a NOTIFY in the transaction serialises commits.
 */
@ApplicationScoped
public class RealtimeNotifier {

    public static final String CHANNEL = "hookgate_realtime";
    /** NOTIFY payloads must stay under 8000 bytes; larger events are sent without data and fetched by id. */
    static final int MAX_PAYLOAD_BYTES = 7_500;

    private static final Logger LOG = Logger.getLogger(RealtimeNotifier.class);

    private final Pool pool;

    public RealtimeNotifier(Pool pool) {
        this.pool = pool;
    }

    /** Never fails: a lost notification is recovered by the realtime service from the events table by seq. */
    public Uni<Void> notify(Event event) {
        JsonObject message = new JsonObject()
                .put("seq", event.seq)
                .put("id", event.id)
                .put("type", event.type)
                .put("userId", event.userId)
                .put("room", event.room)
                .put("source", event.source)
                .put("data", new JsonObject(event.payload));
        String payload = message.encode();
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            payload = message.copy().putNull("data").put("truncated", true).encode();
        }
        return pool.preparedQuery("select pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "realtime notify of %s failed; clients will catch up from the events table", event.id);
                    return Uni.createFrom().voidItem();
                });
    }
}
