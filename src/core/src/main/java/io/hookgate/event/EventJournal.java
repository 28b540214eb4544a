package io.hookgate.event;

import io.hookgate.core.Ids;
import io.hookgate.trace.TraceParents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * The one door for events (DESIGN §6.9). Code that commits a business effect appends its events here inside its own
 * transaction, on the reactive client or in a Hibernate session; the SQL function {@code journal_append} (V20) writes
 * the event row, and the outbox row of a webhook event. Once the transaction has committed, {@link #announce} publishes
 * the webhook events to the events queue and NOTIFYs the realtime ones. Hot-path SQL functions (a deposit's one round
 * trip) call {@code journal_append} themselves and hand back what they appended. Each event keeps the trace context of
 * the span that appended it ({@link TraceParents}), which its fan-out and delivery attempts continue.
 */
@ApplicationScoped
public class EventJournal {

    private static final String APPEND = "select journal_append($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8, $9, $10, $11)";
    private static final String APPEND_IN_SESSION = """
            select journal_append(:id, cast(:tenant as text), :type, :source, cast(cast(:payload as text) as jsonb),
                                  cast(:user as text), cast(:room as text), :realtime, :webhook, cast(:targets as text[]),
                                  cast(:trace as text))""";

    private static final Logger LOG = Logger.getLogger(EventJournal.class);

    private final OutboxPublisher outbox;
    private final RealtimeNotifier realtime;
    private final OutboxConfig config;

    public EventJournal(OutboxPublisher outbox, RealtimeNotifier realtime, OutboxConfig config) {
        this.outbox = outbox;
        this.realtime = realtime;
        this.config = config;
    }

    /** Appends on the reactive client: a connection inside the caller's transaction, or the pool for one statement. */
    public Uni<Appended> append(SqlClient client, NewEvent event) {
        return append(client, Ids.next("evt"), event);
    }

    /** Appends with an id chosen beforehand (answered before the write, as a chat message's {@code sent} frame is). */
    public Uni<Appended> append(SqlClient client, String id, NewEvent event) {
        return client.preparedQuery(APPEND)
                .execute(Tuple.from(new Object[] {id, event.tenantId(), event.type(), event.source(), event.payload(),
                        event.userId(), event.room(), event.realtime(), event.webhook(), targets(event), TraceParents.current()}))
                .map(rows -> new Appended(id, rows.iterator().next().getLong(0), event));
    }

    /** Appends inside a Hibernate Reactive session's transaction. */
    public Uni<Appended> append(Mutiny.Session session, NewEvent event) {
        return append(session, Ids.next("evt"), event);
    }

    /** Appends with an id chosen beforehand (recorded elsewhere in the same transaction, such as an idempotency key's). */
    public Uni<Appended> append(Mutiny.Session session, String id, NewEvent event) {
        return session.<Long>createNativeQuery(APPEND_IN_SESSION)
                .setParameter("id", id).setParameter("tenant", event.tenantId()).setParameter("type", event.type())
                .setParameter("source", event.source()).setParameter("payload", event.payload())
                .setParameter("user", event.userId()).setParameter("room", event.room())
                .setParameter("realtime", event.realtime()).setParameter("webhook", event.webhook())
                .setParameter("targets", targets(event)).setParameter("trace", TraceParents.current())
                .getSingleResult()
                .map(seq -> new Appended(id, seq, event));
    }

    /**
     * After the commit: publishes the webhook events (unless {@link OutboxConfig#publish()} leaves them to the
     * {@link OutboxRelay}; the reconciler retries what fails) and NOTIFYs the realtime ones (clients catch up from the
     * events table by seq if it is lost). Never fails. Completes when both are done, or at once unless the answer
     * waits for them ({@code before-answer}).
     */
    public Uni<Void> announce(Announcement announcement) {
        List<Uni<Void>> steps = new ArrayList<>();
        for (Appended appended : announcement.events()) {
            if (appended.event().webhook() && config.publish() != OutboxConfig.Publish.RELAY) {
                steps.add(outbox.publish(appended.id()));
            }
            if (appended.event().realtime()) {
                steps.add(realtime.notify(appended));
            }
        }
        if (steps.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> all = Uni.join().all(steps).andFailFast().replaceWithVoid();
        if (config.publish() == OutboxConfig.Publish.BEFORE_ANSWER) {
            return all;
        }
        all.subscribe().with(done -> { }, e -> LOG.warnf(e, "announcing %d events failed; the outbox and the realtime reconcile recover them",
                announcement.events().size()));
        return Uni.createFrom().voidItem();
    }

    private static String[] targets(NewEvent event) {
        return event.targetEndpointIds() == null ? null : event.targetEndpointIds().toArray(String[]::new);
    }
}
