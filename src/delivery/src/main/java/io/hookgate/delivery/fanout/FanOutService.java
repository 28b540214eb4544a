package io.hookgate.delivery.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.core.QueueMessage;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.endpoint.EndpointRepository;
import io.hookgate.trace.TraceParents;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the events of one fan-out message into one delivery row per matching enabled endpoint and marks their outbox
 * rows fanned out, in one transaction on the reactive client and five statements however many events it names: the
 * events, their tenants' enabled endpoints, one {@code insert … select} for all their deliveries, the outbox mark,
 * then the doorbells. Subscriptions (types, wildcards, aliases) and payload filters are matched in Java by
 * {@link EndpointRepository#reaches}, the rule the admin's replays use too; an event that names its targets reaches
 * exactly those. Idempotent: a redelivered message inserts nothing new and rings again for the deliveries that are due
 * and still await their first attempt (a held one keeps the doorbell of its hold).
 */
@ApplicationScoped
public class FanOutService {

    private static final Logger LOG = Logger.getLogger(FanOutService.class);

    static final String EVENTS = """
            select id, tenant_id, type, source, payload::text as payload, target_endpoint_ids, trace_parent from event where id = any($1) order by id""";
    static final String ENDPOINTS = """
            select id, tenant_id, events, filters::text as filters from endpoint
            where tenant_id = any($1) and active and deleted_at is null""";
    static final String PLAN = """
            insert into delivery (id, tenant_id, event_id, endpoint_id, status)
            select planned.id, planned.tenant_id, planned.event_id, planned.endpoint_id, 'PENDING'
            from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as planned (id, tenant_id, event_id, endpoint_id)
            on conflict (event_id, endpoint_id) do nothing""";
    static final String FANNED_OUT = "update outbox set fanned_out_at = now() where event_id = any($1) and fanned_out_at is null";
    static final String AWAITING_FIRST_ATTEMPT = """
            update delivery d set doorbell_at = clock_timestamp()
            from endpoint e
            where d.event_id = any($1) and e.id = d.endpoint_id
              and d.attempt_count = 0 and d.status = 'PENDING' and d.next_attempt_at <= clock_timestamp()
              and (d.lease_until is null or d.lease_until < clock_timestamp())
            returning d.id, e.slow_since is not null as slow""";

    private record Subscriber(String id, String[] events, String filters) {
    }

    /** The deliveries planned, as the four columns {@link #PLAN} unnests. */
    private record Plan(List<String> ids, List<String> tenants, List<String> events, List<String> endpoints) {
        Plan() {
            this(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }

        void add(String tenantId, String eventId, String endpointId) {
            ids.add(Ids.next("dlv"));
            tenants.add(tenantId);
            events.add(eventId);
            endpoints.add(endpointId);
        }

        Tuple tuple() {
            return Tuple.of(ids.toArray(String[]::new), tenants.toArray(String[]::new), events.toArray(String[]::new),
                    endpoints.toArray(String[]::new));
        }
    }

    private final Pool pool;
    private final EndpointRepository endpoints;
    private final ObjectMapper json;
    private final Tracer tracer;

    public FanOutService(Pool pool, EndpointRepository endpoints, ObjectMapper json, Tracer tracer) {
        this.tracer = tracer;
        this.pool = pool;
        this.endpoints = endpoints;
        this.json = json;
    }

    /** The doorbells to ring; none for unknown events or when nobody subscribes. */
    public Uni<List<Doorbell>> fanOut(List<String> eventIds) {
        String[] ids = eventIds.stream().distinct().sorted().toArray(String[]::new);   // one lock order for every fan-out
        Instant started = Instant.now();
        List<Row> traced = new ArrayList<>();
        return pool.withTransaction(connection -> connection.preparedQuery(EVENTS).execute(Tuple.of((Object) ids))
                .invoke(events -> events.forEach(event -> {
                    if (event.getString("trace_parent") != null) {
                        traced.add(event);
                    }
                }))
                .chain(events -> plan(connection, ids, events))
                .chain(() -> connection.preparedQuery(FANNED_OUT).execute(Tuple.of((Object) ids)))
                .chain(() -> connection.preparedQuery(AWAITING_FIRST_ATTEMPT).execute(Tuple.of((Object) ids)))
                .map(rows -> {
                    List<Doorbell> doorbells = new ArrayList<>();
                    rows.forEach(row -> doorbells.add(Doorbell.now(row.getString("id"), QueueMessage.AUTOMATIC, row.getBoolean("slow"))));
                    return doorbells;
                }))
                .invoke(() -> traced.forEach(event -> traceFanOut(event, started)));
    }

    /**
     * A span for the event's part in this fan-out, in the trace of the request that appended it: the message is shared
     * by up to a hundred events of different traces, so each event's context comes from its row, not the message.
     */
    private void traceFanOut(Row event, Instant started) {
        tracer.spanBuilder("fan out " + event.getString("type"))
                .setParent(TraceParents.parent(event.getString("trace_parent")))
                .setSpanKind(SpanKind.CONSUMER)
                .setStartTimestamp(started)
                .setAttribute("hookgate.event.id", event.getString("id"))
                .startSpan()
                .end();
    }

    /** One delivery per enabled endpoint each event reaches: its named targets, or every matching subscriber. */
    private Uni<Void> plan(SqlConnection connection, String[] ids, RowSet<Row> events) {
        if (events.size() < ids.length) {
            Set<String> found = new HashSet<>();
            events.forEach(event -> found.add(event.getString("id")));
            Arrays.stream(ids).filter(id -> !found.contains(id)).forEach(id -> LOG.warnf("fan-out of unknown event %s ignored", id));
        }
        Set<String> tenantIds = new LinkedHashSet<>();
        events.forEach(event -> {
            if (event.getString("tenant_id") != null) {
                tenantIds.add(event.getString("tenant_id"));
            }
        });
        String[] tenants = tenantIds.toArray(String[]::new);
        if (tenants.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(ENDPOINTS).execute(Tuple.of((Object) tenants)).chain(rows -> {
            Map<String, List<Subscriber>> byTenant = new LinkedHashMap<>();
            rows.forEach(row -> byTenant.computeIfAbsent(row.getString("tenant_id"), t -> new ArrayList<>())
                    .add(new Subscriber(row.getString("id"), row.getArrayOfStrings("events"), row.getString("filters"))));
            Plan plan = new Plan();
            for (Row event : events) {
                String tenantId = event.getString("tenant_id");
                if (tenantId != null) {
                    planEvent(event, byTenant.getOrDefault(tenantId, List.of()), plan);
                }
            }
            return plan.ids().isEmpty() ? Uni.createFrom().voidItem()
                    : connection.preparedQuery(PLAN).execute(plan.tuple()).replaceWithVoid();
        });
    }

    private void planEvent(Row event, List<Subscriber> subscribers, Plan plan) {
        String eventId = event.getString("id");
        String tenantId = event.getString("tenant_id");
        String[] targets = event.getArrayOfStrings("target_endpoint_ids");
        if (targets != null) {
            Set<String> named = Set.of(targets);
            subscribers.stream().filter(s -> named.contains(s.id())).forEach(s -> plan.add(tenantId, eventId, s.id()));
            return;
        }
        if (subscribers.isEmpty()) {
            return;
        }
        String type = event.getString("type");
        JsonNode data = payload(eventId, event.getString("payload"));
        // Hookgate's own alert about an endpoint (its circuit, its disabling) never goes to that endpoint
        String subject = "hookgate".equals(event.getString("source")) ? data.path("endpointId").asText(null) : null;
        for (Subscriber subscriber : subscribers) {
            if (!subscriber.id().equals(subject) && endpoints.reaches(subscriber.id(), subscriber.events(), subscriber.filters(), type, data)) {
                plan.add(tenantId, eventId, subscriber.id());
            }
        }
    }

    private JsonNode payload(String eventId, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + eventId + " has an unreadable payload", e);
        }
    }
}
