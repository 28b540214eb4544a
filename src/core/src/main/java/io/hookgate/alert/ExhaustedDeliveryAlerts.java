package io.hookgate.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code delivery.exhausted}: the first delivery of an endpoint to exhaust its retries is announced at once; those
 * that follow within {@link AlertConfig#exhaustedDigestWindow()} are counted on the endpoint and announced together,
 * in one digest, by {@link #announceDigests} (the reconciler) once the window has passed. Each alert carries the
 * count, the period and up to {@link AlertConfig#exhaustedListed()} of the deliveries, newest first, by id.
 */
@ApplicationScoped
public class ExhaustedDeliveryAlerts {

    public static final String TYPE = "delivery.exhausted";

    /** Counts one exhausted delivery; due when the endpoint's last alert is a window old or there was none. */
    static final String COUNT = """
            update endpoint e set exhausted_alerted_at = case when b.due then $2::timestamptz else e.exhausted_alerted_at end,
                exhausted_unannounced = case when b.due then 0 else e.exhausted_unannounced + 1 end
            from (select id, exhausted_alerted_at, exhausted_unannounced,
                         exhausted_alerted_at is null or exhausted_alerted_at <= $2::timestamptz - make_interval(secs => $3) as due
                  from endpoint where id = $1) b
            where e.id = b.id
            returning b.due, b.exhausted_alerted_at as since, b.exhausted_unannounced as earlier, e.tenant_id""";

    /** Endpoints whose digest is due, taken by one instance ({@code SKIP LOCKED}) and reset in the same statement. */
    static final String DUE_DIGESTS = """
            with due as (
                select id, exhausted_alerted_at, exhausted_unannounced from endpoint
                where exhausted_unannounced > 0 and exhausted_alerted_at <= clock_timestamp() - make_interval(secs => $1)
                order by exhausted_alerted_at
                limit $2
                for update skip locked)
            update endpoint e set exhausted_alerted_at = clock_timestamp(), exhausted_unannounced = 0
            from due where e.id = due.id
            returning e.id, e.tenant_id, due.exhausted_alerted_at as since, due.exhausted_unannounced as count, clock_timestamp() as until""";

    static final String LISTED = """
            select d.id, d.event_id, ev.type, d.attempt_count, d.last_error, d.updated_at
            from delivery d join event ev on ev.id = d.event_id
            where d.endpoint_id = $1 and d.status = 'RETRY_EXHAUSTED' and d.updated_at >= $2
            order by d.updated_at desc, d.id desc
            limit $3""";

    private final AlertConfig config;
    private final EventJournal journal;
    private final ObjectMapper json;
    private final Pool pool;

    public ExhaustedDeliveryAlerts(AlertConfig config, EventJournal journal, ObjectMapper json, Pool pool) {
        this.config = config;
        this.journal = journal;
        this.json = json;
        this.pool = pool;
    }

    /**
     * Call in the transaction that recorded the delivery as exhausted, with its endpoint's row locked: the alert to
     * announce after the commit, or none when it waits for the endpoint's digest.
     */
    public Uni<Announcement> exhausted(SqlConnection connection, String endpointId, OffsetDateTime now) {
        return connection.preparedQuery(COUNT).execute(Tuple.of(endpointId, now, windowSeconds())).chain(rows -> {
            Row row = rows.iterator().next();
            if (!row.getBoolean("due")) {
                return Uni.createFrom().item(Announcement.NONE);
            }
            int count = row.getInteger("earlier") + 1;
            OffsetDateTime since = count > 1 ? row.getOffsetDateTime("since") : now;
            OffsetDateTime listFrom = count > 1 ? since : now.minus(config.exhaustedDigestWindow());
            return alert(connection, endpointId, row.getString("tenant_id"), count, since, listFrom, now);
        });
    }

    /** Announces every digest whose window has passed; the number announced. */
    public Uni<Integer> announceDigests(int batchSize) {
        return pool.withTransaction(connection -> connection.preparedQuery(DUE_DIGESTS)
                        .execute(Tuple.of(windowSeconds(), batchSize))
                        .chain(rows -> {
                            Uni<Announcement> all = Uni.createFrom().item(Announcement.NONE);
                            for (Row row : rows) {
                                OffsetDateTime since = row.getOffsetDateTime("since");
                                all = all.chain(before -> alert(connection, row.getString("id"), row.getString("tenant_id"),
                                        row.getInteger("count"), since, since, row.getOffsetDateTime("until")).map(before::and));
                            }
                            return all;
                        }))
                .call(journal::announce)
                .map(announced -> announced.events().size());
    }

    private Uni<Announcement> alert(SqlConnection connection, String endpointId, String tenantId, int count, OffsetDateTime since,
                                    OffsetDateTime listFrom, OffsetDateTime until) {
        int listed = Math.min(count, config.exhaustedListed());
        return connection.preparedQuery(LISTED).execute(Tuple.of(endpointId, listFrom, listed)).chain(rows -> {
            List<ObjectNode> deliveries = new ArrayList<>();
            for (Row row : rows) {
                ObjectNode delivery = json.createObjectNode()
                        .put("deliveryId", row.getString("id"))
                        .put("eventId", row.getString("event_id"))
                        .put("eventType", row.getString("type"))
                        .put("attempts", row.getInteger("attempt_count"))
                        .put("lastError", row.getString("last_error"))
                        .put("exhaustedAt", row.getOffsetDateTime("updated_at").toString());
                deliveries.add(delivery);
            }
            ObjectNode data = json.createObjectNode()
                    .put("endpointId", endpointId)
                    .put("count", count)
                    .put("since", since.toString())
                    .put("until", until.toString());
            ArrayNode list = data.putArray("deliveries");
            deliveries.forEach(list::add);
            data.put("truncated", count > deliveries.size());
            return journal.append(connection, NewEvent.webhook(tenantId, TYPE, "hookgate", data.toString())).map(Announcement::of);
        });
    }

    private double windowSeconds() {
        return config.exhaustedDigestWindow().toMillis() / 1000.0;
    }
}
