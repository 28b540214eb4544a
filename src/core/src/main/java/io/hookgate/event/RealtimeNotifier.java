package io.hookgate.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.NaturalBatches;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * Sends committed realtime events on the PostgreSQL channel that every realtime instance LISTENs on. It runs after
 * commit, never inside the business transaction, because a NOTIFY in the transaction serialises commits. Concurrent
 * events share one statement (natural batching).
 */
@ApplicationScoped
public class RealtimeNotifier {

    public static final String CHANNEL = "hookgate_realtime";
    /** NOTIFY payloads must stay under 8000 bytes; larger events are sent without data and fetched by id. */
    static final int MAX_PAYLOAD_BYTES = 7_500;
    private static final int BATCH = 100;

    private static final Logger LOG = Logger.getLogger(RealtimeNotifier.class);

    private final Pool pool;
    private final ObjectMapper json;
    private final NaturalBatches<String, Void> batches = new NaturalBatches<>(BATCH, 2, this::send);

    public RealtimeNotifier(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** What every realtime instance receives; {@code data} is the event's stored JSON, written as it is. */
    @RegisterForReflection
    record Notice(long seq, String id, String type, String userId, String room, String source, @JsonRawValue String data,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Boolean truncated) {
    }

    /** Never fails: a lost notification is recovered by the realtime service from the events table by seq. */
    Uni<Void> notify(Appended appended) {
        NewEvent event = appended.event();
        Notice notice = new Notice(appended.seq(), appended.id(), event.type(), event.userId(), event.room(), event.source(),
                event.payload(), null);
        String payload = write(notice);
        if (payload.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
            payload = write(new Notice(notice.seq(), notice.id(), notice.type(), notice.userId(), notice.room(), notice.source(),
                    null, true));
        }
        return batches.submit(payload);
    }

    private String write(Notice notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<List<Void>> send(List<String> payloads) {
        return pool.preparedQuery("select pg_notify($1, payload) from unnest($2::text[]) as payload")
                .execute(Tuple.of(CHANNEL, payloads.toArray(String[]::new)))
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf(e, "realtime notify of %d events failed; clients will catch up from the events table", payloads.size());
                    return Uni.createFrom().voidItem();
                })
                .replaceWith(Collections.nCopies(payloads.size(), null));
    }
}
