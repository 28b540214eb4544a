package io.hookgate.event;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes the outbox for deployables that leave it to the relay ({@code hookgate.outbox.publish=relay}): claims
 * unpublished rows with {@code FOR UPDATE SKIP LOCKED}, stamping them published in the same statement (so relays in
 * several processes never send a row twice), and sends them packed, a hundred events to a message. A full claim is
 * followed at once by the next; otherwise it looks again after {@code hookgate.outbox.relay-every}. If the send
 * fails, the rows are given back for the next pass (and if even that fails, the reconciler publishes them again once
 * its outbox grace has passed).
 */
@ApplicationScoped
public class OutboxRelay {

    static final int CLAIM_LIMIT = 1_000;
    static final String CLAIM = """
            with due as (
                select id from outbox where published_at is null and fanned_out_at is null
                order by id limit $1
                for update skip locked)
            update outbox o set published_at = clock_timestamp() from due where o.id = due.id
            returning o.event_id""";
    /** Claimed rows whose send failed: unpublished again (if the database is down too, the reconciler's grace covers them). */
    static final String GIVE_BACK = "update outbox set published_at = null where event_id = any($1) and fanned_out_at is null";
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Pool pool;
    private final OutboxPublisher outbox;
    private final OutboxConfig config;
    private final Vertx vertx;
    private volatile boolean running;

    public OutboxRelay(Pool pool, OutboxPublisher outbox, OutboxConfig config, Vertx vertx) {
        this.pool = pool;
        this.outbox = outbox;
        this.config = config;
        this.vertx = vertx;
    }

    void onStart(@Observes StartupEvent event) {
        config.relayEvery().ifPresent(every -> {
            running = true;
            LOG.infof("outbox relay on: looking every %d ms", every.toMillis());
            next(Duration.ZERO);
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
    }

    /**
     * Claims and sends one batch of unpublished rows; answers how many it claimed. If SQS refuses, the claimed rows are
     * given back (unpublished again) for the next pass, and the failure is passed on.
     */
    public Uni<Integer> relayOnce() {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(CLAIM_LIMIT)).chain(rows -> {
            List<String> eventIds = new ArrayList<>(rows.size());
            rows.forEach(row -> eventIds.add(row.getString(0)));
            return outbox.send(eventIds).replaceWith(eventIds.size())
                    .onFailure().call(() -> pool.preparedQuery(GIVE_BACK).execute(Tuple.of((Object) eventIds.toArray(String[]::new))));
        });
    }

    private void next(Duration delay) {
        if (!running) {
            return;
        }
        if (delay.isZero()) {
            vertx.runOnContext(ignored -> run());
        } else {
            vertx.setTimer(delay.toMillis(), ignored -> run());
        }
    }

    private void run() {
        relayOnce().subscribe().with(
                claimed -> next(claimed == CLAIM_LIMIT ? Duration.ZERO : config.relayEvery().orElseThrow()),
                failure -> {
                    LOG.warnf("outbox relay pass failed (%s); trying again", failure.toString());
                    next(AFTER_FAILURE);
                });
    }
}
