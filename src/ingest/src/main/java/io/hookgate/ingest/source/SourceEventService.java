package io.hookgate.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.ingest.common.InboundEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Republishes a verified provider call as a Hookgate event, once per provider id: the receipt (unique per source and
 * id), the event and its outbox row are one transaction. A repeated id answers the first call's result with
 * {@code processed: false}.
 */
@ApplicationScoped
public class SourceEventService {

    private final InboundEvents events;
    private final ObjectMapper json;

    public SourceEventService(InboundEvents events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** The answer, and the event to publish after the commit (null for a duplicate). */
    public record Outcome(Map<String, Object> result, String eventId) {
    }

    @WithTransaction
    public Uni<Outcome> republish(RegisteredSource source, String providerType, String providerId, JsonNode payload, String requestId) {
        String receiptSource = "source:" + source.id();
        String type = source.eventTypePrefixOf() + providerType;
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into inbound_receipt (source, external_id, request_id, status)
                                values (:source, :externalId, :requestId, 'processing')
                                on conflict (source, external_id) do nothing returning id""")
                .setParameter("source", receiptSource).setParameter("externalId", providerId).setParameter("requestId", requestId)
                .getResultList()
                .chain(claimed -> claimed.isEmpty()
                        ? previous(session, receiptSource, providerId)
                        : events.webhook(session, source.tenantId(), receiptSource, type, data(source, providerType, providerId, payload))
                                .chain(eventId -> record(session, receiptSource, providerId, result(true, type, providerId, eventId))
                                        .map(result -> new Outcome(result, eventId)))));
    }

    private Uni<Outcome> previous(Mutiny.Session session, String receiptSource, String providerId) {
        return session.<String>createNativeQuery("select response::text from inbound_receipt where source = :source and external_id = :id")
                .setParameter("source", receiptSource).setParameter("id", providerId)
                .getSingleResult()
                .map(text -> {
                    Map<String, Object> result = read(text);
                    result.put("processed", false);
                    return new Outcome(result, null);
                });
    }

    private Uni<Map<String, Object>> record(Mutiny.Session session, String receiptSource, String providerId, Map<String, Object> result) {
        return session.createNativeQuery("""
                        update inbound_receipt set status = 'processed', response = cast(cast(:response as text) as jsonb)
                        where source = :source and external_id = :id""")
                .setParameter("response", write(result)).setParameter("source", receiptSource).setParameter("id", providerId)
                .executeUpdate()
                .replaceWith(result);
    }

    private static Map<String, Object> data(RegisteredSource source, String providerType, String providerId, JsonNode payload) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sourceId", source.id());
        data.put("source", source.name());
        data.put("sourceEventType", providerType);
        data.put("sourceEventId", providerId);
        data.put("receivedAt", Instant.now().toString());
        data.put("verifiedBy", source.scheme().wireName());
        data.put("payload", payload);
        return data;
    }

    private static Map<String, Object> result(boolean processed, String type, String providerId, String eventId) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("processed", processed);
        result.put("eventId", eventId);
        result.put("eventType", type);
        result.put("sourceEventId", providerId);
        return result;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> read(String text) {
        try {
            return json.readValue(text, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
