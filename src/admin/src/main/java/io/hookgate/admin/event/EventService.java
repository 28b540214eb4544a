package io.hookgate.admin.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.EventPayloads;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.Tenants;
import io.hookgate.auth.ApiKeyHasher;
import io.hookgate.catalogue.PayloadLimits;
import io.hookgate.catalogue.EventType;
import io.hookgate.core.Ids;
import io.hookgate.event.Event;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

/**
 * Events a tenant's own systems emit ({@code POST /api/v1/events}, seed 003's {@code trigger_event}): checked against
 * the catalogue, stored with their outbox row in one transaction, fanned out to the organisation's subscribers after
 * the commit. An {@code Idempotency-Key} makes a retried request return the first one's event instead of a second.
 */
@ApplicationScoped
public class EventService {

    static final String SOURCE = "api";

    private final EventPayloads payloads;
    private final EventJournal journal;
    private final ObjectMapper json;
    private final ObjectMapper canonical;

    public EventService(EventPayloads payloads, EventJournal journal, ObjectMapper json) {
        this.payloads = payloads;
        this.journal = journal;
        this.json = json;
        this.canonical = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /** The event, whether it is the stored answer to an earlier request with the same key, and what to announce. */
    public record Emitted(EventView event, boolean replayed, Announcement announcement) {
    }

    public Uni<Emitted> emit(Caller caller, EmitEventRequest request, String idempotencyKey) {
        String tenantId = caller.owningTenant(request.orgId());
        EventType type = payloads.emittable(request.type(), request.data(), "type", "data");
        String hash = ApiKeyHasher.hash(type.name() + "\n" + canonical(request.data()));
        return store(tenantId, type, request, idempotencyKey, hash)
                .call(emitted -> journal.announce(emitted.announcement()));
    }

    @WithTransaction
    Uni<Emitted> store(String tenantId, EventType type, EmitEventRequest request, String idempotencyKey, String hash) {
        String eventId = Ids.next("evt");
        return Tenants.requireExists(tenantId)
                .chain(() -> idempotencyKey == null ? Uni.createFrom().item(true) : claim(tenantId, idempotencyKey, hash, eventId))
                .chain(fresh -> fresh ? create(eventId, tenantId, type, request.data())
                        : earlier(tenantId, idempotencyKey, hash).map(event -> new Emitted(view(event), true, Announcement.NONE)));
    }

    /** True when the key is new (or expired) and now belongs to this request; waits for a concurrent holder's commit. */
    private Uni<Boolean> claim(String tenantId, String key, String hash, String eventId) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into idempotency_key (tenant_id, key, request_hash, event_id) values (:tenant, :key, :hash, :event)
                        on conflict (tenant_id, key) do update
                            set request_hash = excluded.request_hash, event_id = excluded.event_id, created_at = now()
                            where idempotency_key.created_at < now() - interval '24 hours'
                        returning key""")
                .setParameter("tenant", tenantId).setParameter("key", key).setParameter("hash", hash).setParameter("event", eventId)
                .getResultList()).map(rows -> !rows.isEmpty());
    }

    private Uni<Event> earlier(String tenantId, String key, String hash) {
        return Panache.getSession().chain(session -> session.<Object[]>createNativeQuery(
                        "select request_hash, event_id from idempotency_key where tenant_id = :tenant and key = :key")
                .setParameter("tenant", tenantId).setParameter("key", key).getSingleResult())
                .chain(row -> {
                    if (!hash.equals(row[0])) {
                        throw new ApiException(422, "idempotency_key_reused", "This Idempotency-Key was used in the last 24 hours "
                                + "with a different request; use a new key for a different event");
                    }
                    return Event.<Event>findById((String) row[1]);
                });
    }

    private Uni<Emitted> create(String eventId, String tenantId, EventType type, JsonNode data) {
        return Panache.getSession().chain(session -> journal.append(session, eventId, NewEvent.webhook(tenantId, type.name(), SOURCE, data.toString()))
                .chain(appended -> session.find(Event.class, eventId)
                        .map(event -> new Emitted(view(event), false, Announcement.of(appended)))));
    }

    /** The caller's event; another organisation's is reported as absent. */
    @WithSession
    public Uni<EventView> get(Caller caller, String id) {
        return visible(caller, id).map(this::view);
    }

    @WithSession
    public Uni<Event> visible(Caller caller, String id) {
        return Event.<Event>findById(id).map(e -> {
            if (e == null || e.tenantId == null || !(caller.admin() || e.tenantId.equals(caller.tenantId()))) {
                throw ApiException.notFound("event", id);
            }
            return e;
        });
    }

    /** The caller's events newest first, optionally of one type. */
    @WithSession
    public Uni<Page<EventView>> list(Caller caller, String type, String startingAfter, int limit) {
        String tenant = caller.visibleTenant();
        StringBuilder where = new StringBuilder("tenantId is not null and id < :before");
        if (tenant != null) {
            where.append(" and tenantId = :tenant");
        }
        if (type != null) {
            where.append(" and type = :type");
        }
        var params = new java.util.HashMap<String, Object>(Map.of("before", startingAfter == null ? "~" : startingAfter));
        if (tenant != null) {
            params.put("tenant", tenant);
        }
        if (type != null) {
            params.put("type", type);
        }
        return Event.<Event>find(where + " order by id desc", params).page(0, limit + 1).list()
                .map(rows -> Page.of(rows, limit, this::view, e -> e.id));
    }

    private EventView view(Event e) {
        return new EventView(e.id, e.tenantId, e.type, tree(e.payload), e.source, e.createdAt);
    }

    /**
     * A stored payload as JSON, or null when it cannot be shown: a row stored before {@link PayloadLimits} existed may
     * break them, and one unreadable row must not break a list.
     */
    private JsonNode tree(String text) {
        try {
            JsonNode tree = json.readTree(text);
            return PayloadLimits.violations(tree).isEmpty() ? tree : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String canonical(JsonNode data) {
        try {
            return canonical.writeValueAsString(canonical.treeToValue(data, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
