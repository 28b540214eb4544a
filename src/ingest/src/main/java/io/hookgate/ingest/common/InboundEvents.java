package io.hookgate.ingest.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.InvalidEventException;
import io.hookgate.core.Ids;
import io.hookgate.event.Event;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.Map;

/**
 * Writes the events an inbound call causes, inside its transaction: a webhook event with its outbox row (published
 * after the commit), or a realtime event for one user (sent on NOTIFY after the commit). Payloads are checked against
 * the catalogue first.
 */
@ApplicationScoped
public class InboundEvents {

    private final EventCatalogue catalogue;
    private final ObjectMapper json;

    public InboundEvents(EventCatalogue catalogue, ObjectMapper json) {
        this.catalogue = catalogue;
        this.json = json;
    }

    /** A webhook event for the tenant's subscribers, with its outbox row; returns its id. */
    public Uni<String> webhook(Mutiny.Session session, String tenantId, String source, String type, Map<String, Object> data) {
        return insert(session, tenantId, source, type, data, null)
                .call(event -> session.createNativeQuery("insert into outbox (event_id) values (:id)").setParameter("id", event.id).executeUpdate())
                .map(event -> event.id);
    }

    /** A realtime event for one user; the caller notifies it after the commit. */
    public Uni<Event> realtime(Mutiny.Session session, String tenantId, String source, String type, Map<String, Object> data, String userId) {
        return insert(session, tenantId, source, type, data, userId);
    }

    private Uni<Event> insert(Mutiny.Session session, String tenantId, String source, String type, Map<String, Object> data, String userId) {
        try {
            catalogue.requireValid(type, json.valueToTree(data));
        } catch (InvalidEventException e) {
            throw new WebhookException(WebhookError.WEBHOOK_007, String.join("; ", e.violations()));
        }
        Event event = new Event();
        event.id = Ids.next("evt");
        event.tenantId = tenantId;
        event.type = type;
        event.payload = write(data);
        event.source = source;
        event.userId = userId;
        return session.<Long>createNativeQuery("""
                        insert into event (id, tenant_id, type, payload, source, user_id, realtime)
                        values (:id, :tenant, :type, cast(cast(:payload as text) as jsonb), :source, :userId, :realtime) returning seq""")
                .setParameter("id", event.id).setParameter("tenant", tenantId).setParameter("type", type)
                .setParameter("payload", event.payload).setParameter("source", source).setParameter("userId", userId)
                .setParameter("realtime", userId != null)
                .getSingleResult()
                .map(seq -> {
                    event.seq = seq;
                    return event;
                });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
