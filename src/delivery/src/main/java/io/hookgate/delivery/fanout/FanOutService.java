package io.hookgate.delivery.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.core.QueueMessage;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.endpoint.EndpointRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one event into one delivery row per matching enabled endpoint and marks its outbox row fanned out, in one
 * transaction on the reactive client: the event, its tenant's enabled endpoints (or its named targets), one
 * {@code insert … select} for all its deliveries, then the doorbells. Subscriptions (types, wildcards, aliases) and
 * payload filters are matched in Java by {@link EndpointRepository#reaches}, the rule the admin's replays use too.
 * Idempotent: a redelivered fan-out message inserts nothing new and rings again for the deliveries that are due and
 * still await their first attempt (a held one keeps the doorbell of its hold).
 */
@ApplicationScoped
public class FanOutService {

    private static final Logger LOG = Logger.getLogger(FanOutService.class);

    static final String EVENT = "select tenant_id, type, payload::text as payload, target_endpoint_ids from event where id = $1";
    static final String ENDPOINTS = """
            select id, events, filters::text as filters from endpoint
            where tenant_id = $1 and active and deleted_at is null and ($2::text[] is null or id = any($2))""";
    static final String PLAN = """
            insert into delivery (id, tenant_id, event_id, endpoint_id, status)
            select planned.id, $2, $3, planned.endpoint_id, 'PENDING' from unnest($1::text[], $4::text[]) as planned (id, endpoint_id)
            on conflict (event_id, endpoint_id) do nothing""";
    static final String FANNED_OUT = "update outbox set fanned_out_at = now() where event_id = $1 and fanned_out_at is null";
    static final String AWAITING_FIRST_ATTEMPT = """
            update delivery d set doorbell_at = clock_timestamp()
            from endpoint e
            where d.event_id = $1 and e.id = d.endpoint_id
              and d.attempt_count = 0 and d.status = 'PENDING' and d.next_attempt_at <= clock_timestamp()
              and (d.lease_until is null or d.lease_until < clock_timestamp())
            returning d.id, e.slow_since is not null as slow""";

    private final Pool pool;
    private final EndpointRepository endpoints;
    private final ObjectMapper json;

    public FanOutService(Pool pool, EndpointRepository endpoints, ObjectMapper json) {
        this.pool = pool;
        this.endpoints = endpoints;
        this.json = json;
    }

    /** The doorbells to ring; none when the event is unknown or nobody subscribes. */
    public Uni<List<Doorbell>> fanOut(String eventId) {
        return pool.withTransaction(connection -> connection.preparedQuery(EVENT).execute(Tuple.of(eventId)).chain(events -> {
            if (events.size() == 0) {
                LOG.warnf("fan-out of unknown event %s ignored", eventId);
                return Uni.createFrom().item(List.<Doorbell>of());
            }
            Row event = events.iterator().next();
            String tenantId = event.getString("tenant_id");
            Uni<Void> planned = tenantId == null ? Uni.createFrom().voidItem() : plan(connection, eventId, tenantId, event);
            return planned
                    .chain(() -> connection.preparedQuery(FANNED_OUT).execute(Tuple.of(eventId)))
                    .chain(() -> connection.preparedQuery(AWAITING_FIRST_ATTEMPT).execute(Tuple.of(eventId)))
                    .map(rows -> {
                        List<Doorbell> doorbells = new ArrayList<>();
                        rows.forEach(row -> doorbells.add(Doorbell.now(row.getString("id"), QueueMessage.AUTOMATIC, row.getBoolean("slow"))));
                        return doorbells;
                    });
        }));
    }

    /** One delivery per enabled endpoint the event reaches: its named targets, or every matching subscriber. */
    private Uni<Void> plan(SqlConnection connection, String eventId, String tenantId, Row event) {
        String[] targets = event.getArrayOfStrings("target_endpoint_ids");
        String type = event.getString("type");
        return connection.preparedQuery(ENDPOINTS).execute(Tuple.of(tenantId, targets)).chain(rows -> {
            JsonNode data = targets == null ? payload(eventId, event.getString("payload")) : null;
            List<String> reached = new ArrayList<>();
            for (Row endpoint : rows) {
                if (targets != null || endpoints.reaches(endpoint.getString("id"), endpoint.getArrayOfStrings("events"),
                        endpoint.getString("filters"), type, data)) {
                    reached.add(endpoint.getString("id"));
                }
            }
            if (reached.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            String[] ids = reached.stream().map(ignored -> Ids.next("dlv")).toArray(String[]::new);
            return connection.preparedQuery(PLAN)
                    .execute(Tuple.of(ids, tenantId, eventId, reached.toArray(String[]::new)))
                    .replaceWithVoid();
        });
    }

    private JsonNode payload(String eventId, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + eventId + " has an unreadable payload", e);
        }
    }
}
