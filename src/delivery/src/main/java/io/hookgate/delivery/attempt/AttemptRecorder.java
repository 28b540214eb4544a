package io.hookgate.delivery.attempt;

import io.hookgate.core.NaturalBatches;
import io.hookgate.delivery.health.EndpointHealth;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.event.Announcement;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes finished attempts: each delivery's new state and its attempt's row, only while the lease is still that
 * attempt's, then its endpoint's health. Attempts that finish while others are being written go together in one
 * transaction (deliveries in id order, then endpoints in id order, so two such transactions never wait on each other
 * in a cycle); if that transaction fails, each of its attempts is written alone, so one bad row fails only itself.
 */
@ApplicationScoped
public class AttemptRecorder {

    private static final Logger LOG = Logger.getLogger(AttemptRecorder.class);

    /** Attempts in one transaction at most. */
    static final int BATCH = 100;

    /** The delivery's new state and the attempt's row, in one statement, only while the lease is this attempt's. */
    static final String RECORD = """
            with recorded as (
                update delivery set attempt_count = $3, last_status_code = $4, last_error = $5, updated_at = $6, status = $7,
                    next_retry_at = $8, next_attempt_at = $8, doorbell_at = $9, lease_id = null, lease_until = null, rate_slot_at = null
                where id = $1 and lease_id = $2
                returning id, endpoint_id)
            insert into delivery_attempt (delivery_id, endpoint_id, attempt_number, trigger, started_at, duration_ms,
                                          request_headers, response_status, response_headers, response_body, error, trace_id, error_category)
            select id, endpoint_id, $3, $10, $11, $12, $13::text::jsonb, $4, $14::text::jsonb, $15, $16, $17, $18 from recorded
            returning id""";

    /**
     * One finished attempt: {@code values} are {@link #RECORD}'s parameters; {@code next} is the doorbell its delivery
     * needs once recorded; a test attempt leaves its endpoint's health alone; {@code throttle} is non-null when the
     * endpoint pushed back (429, 503, its whole timeout taken): the pause it asked for, zero when none.
     */
    record Recording(String deliveryId, String endpointId, int attemptNumber, boolean test, Tuple values,
                     EndpointHealth.Verdict verdict, boolean exhausted, Duration took, Doorbell next, Duration throttle) {
    }

    /** A recording's result, or why it could not be written. */
    private record Written(AttemptResult result, Throwable failure) {
    }

    private final Pool pool;
    private final EndpointHealth health;
    private final NaturalBatches<Recording, Written> batches;

    public AttemptRecorder(Pool pool, EndpointHealth health) {
        this.pool = pool;
        this.health = health;
        this.batches = new NaturalBatches<>(BATCH, 2, this::writeAll);
    }

    /** The attempt's result once committed: the doorbell to ring next and the events to announce, if any. */
    Uni<AttemptResult> record(Recording recording) {
        return batches.submit(recording).chain(written -> written.failure() == null
                ? Uni.createFrom().item(written.result()) : Uni.createFrom().failure(written.failure()));
    }

    private Uni<List<Written>> writeAll(List<Recording> batch) {
        Uni<List<Written>> together = pool.withTransaction(connection -> write(connection, batch))
                .map(results -> results.stream().map(result -> new Written(result, null)).toList());
        if (batch.size() == 1) {
            return together.onFailure().recoverWithItem(e -> List.of(new Written(null, e)));
        }
        return together.onFailure().recoverWithUni(e -> {
            LOG.warnf("writing %d attempts together failed (%s); writing each alone", batch.size(), e.toString());
            return writeEach(batch);
        });
    }

    private Uni<List<Written>> writeEach(List<Recording> batch) {
        List<Uni<Written>> alone = batch.stream()
                .map(recording -> pool.withTransaction(connection -> write(connection, List.of(recording)))
                        .map(results -> new Written(results.getFirst(), null))
                        .onFailure().recoverWithItem(e -> new Written(null, e)))
                .toList();
        return Uni.join().all(alone).andFailFast();
    }

    /** The batch's results in its order. */
    private Uni<List<AttemptResult>> write(SqlConnection connection, List<Recording> batch) {
        List<Recording> byDelivery = batch.stream().sorted(Comparator.comparing(Recording::deliveryId)).toList();
        return connection.preparedQuery(RECORD).executeBatch(byDelivery.stream().map(Recording::values).toList())
                .chain(rows -> {
                    List<Recording> recorded = recorded(byDelivery, rows);
                    return updateHealth(connection, recorded.stream().filter(r -> !r.test()).toList())
                            .map(announcements -> batch.stream().map(r -> !recorded.contains(r) || r.test()
                                    ? AttemptResult.done(r.deliveryId())
                                    : new AttemptResult(r.deliveryId(), r.next(), announcements.getOrDefault(r, Announcement.NONE)))
                                    .toList());
                });
    }

    /** The recordings whose lease still held; one that outlived it is left to the attempt that took over. */
    private static List<Recording> recorded(List<Recording> byDelivery, RowSet<Row> rows) {
        List<Recording> recorded = new ArrayList<>(byDelivery.size());
        RowSet<Row> result = rows;
        for (Recording recording : byDelivery) {
            if (result.size() > 0) {
                recorded.add(recording);
            } else {
                LOG.warnf("delivery %s: attempt %d outlived its lease and is not recorded; the attempt that took over records its own",
                        recording.deliveryId(), recording.attemptNumber());
            }
            result = result.next();
        }
        return recorded;
    }

    /**
     * Each endpoint's health, endpoints in id order: successes alone count once (the last one's duration says whether
     * the endpoint is slow); any other mix is counted attempt by attempt. The announcements go with the attempt that
     * caused them.
     */
    private Uni<Map<Recording, Announcement>> updateHealth(SqlConnection connection, List<Recording> recorded) {
        Map<String, List<Recording>> byEndpoint = new TreeMap<>();
        recorded.forEach(r -> byEndpoint.computeIfAbsent(r.endpointId(), id -> new ArrayList<>()).add(r));
        Map<Recording, Announcement> announcements = new IdentityHashMap<>();
        Uni<Void> done = Uni.createFrom().voidItem();
        for (List<Recording> attempts : byEndpoint.values()) {
            boolean allSucceeded = attempts.stream().allMatch(r -> r.verdict() == EndpointHealth.Verdict.SUCCEEDED);
            for (Recording r : allSucceeded ? List.of(attempts.getLast()) : attempts) {
                done = done.chain(() -> health.record(connection, r.endpointId(), r.verdict(), r.exhausted(), r.took(), r.throttle())
                        .invoke(announcement -> announcements.put(r, announcement))).replaceWithVoid();
            }
        }
        return done.map(ignored -> announcements);
    }
}
