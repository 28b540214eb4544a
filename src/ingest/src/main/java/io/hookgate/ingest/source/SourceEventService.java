package io.hookgate.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.catalogue.PayloadLimits;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.InboundReceipts;
import io.hookgate.event.NewEvent;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Republishes a verified provider call as a Hookgate event, once per provider id: the receipt (unique per source and
 * id), the event and its outbox row are one transaction. A repeated id answers the first call's result with
 * {@code processed: false}.
 */
@ApplicationScoped
public class SourceEventService {

    private final EventJournal journal;
    private final InboundReceipts receipts;
    private final ObjectMapper json;
    private final Pool pool;

    public SourceEventService(EventJournal journal, InboundReceipts receipts, ObjectMapper json, Pool pool) {
        this.journal = journal;
        this.receipts = receipts;
        this.json = json;
        this.pool = pool;
    }

    /** The answer, and what to announce after the commit (nothing for a duplicate). */
    public record Outcome(Map<String, Object> result, Announcement announcement) {
    }

    /** The external id of a body-digest receipt. */
    static final String BODY_PREFIX = "body:sha256:";

    /**
     * Records the call once and publishes its event. {@code bodyDigest} (null unless the source's id is outside its
     * signature) is a second receipt: the same signed body under a new id is answered as the duplicate it is.
     */
    public Uni<Outcome> republish(RegisteredSource source, String providerType, String providerId, JsonNode payload, String requestId,
                                  String bodyDigest) {
        String receiptSource = "source:" + source.id();
        String type = source.eventTypePrefixOf() + providerType;
        return pool.withTransaction(connection -> receipts.claim(connection, receiptSource, providerId, requestId)
                .chain(claimed -> !claimed ? previous(connection, receiptSource, providerId)
                        : bodyDigest == null ? publish(connection, source, receiptSource, type, providerType, providerId, payload, null)
                        : receipts.claim(connection, receiptSource, BODY_PREFIX + bodyDigest, requestId).chain(fresh -> fresh
                                ? publish(connection, source, receiptSource, type, providerType, providerId, payload, BODY_PREFIX + bodyDigest)
                                : replayed(connection, receiptSource, providerId, BODY_PREFIX + bodyDigest))));
    }

    private Uni<Outcome> publish(SqlConnection connection, RegisteredSource source, String receiptSource, String type, String providerType,
                                 String providerId, JsonNode payload, String bodyReceipt) {
        // The provider's payload is the one part of this event Hookgate did not build: it must fit what can be listed
        // and delivered (the wrapping adds a level of nesting to the caller's document).
        JsonNode data = json.valueToTree(data(source, providerType, providerId, payload));
        List<String> beyondLimits = PayloadLimits.violations(data);
        if (!beyondLimits.isEmpty()) {
            throw new WebhookException(WebhookError.WEBHOOK_007, String.join("; ", beyondLimits));
        }
        NewEvent event = NewEvent.webhook(source.tenantId(), type, receiptSource, write(data));
        return journal.append(connection, event)
                .chain(appended -> record(connection, receiptSource, providerId, result(true, type, providerId, appended.id()))
                        .call(result -> bodyReceipt == null ? Uni.createFrom().voidItem() : record(connection, receiptSource, bodyReceipt, result))
                        .map(result -> new Outcome(result, Announcement.of(appended))));
    }

    /** A known body under a new id: the first call's answer, kept for the new id too so that its retries get it. */
    private Uni<Outcome> replayed(SqlConnection connection, String receiptSource, String providerId, String bodyReceipt) {
        return previous(connection, receiptSource, bodyReceipt)
                .call(outcome -> record(connection, receiptSource, providerId, outcome.result()));
    }

    private Uni<Outcome> previous(SqlConnection connection, String receiptSource, String providerId) {
        return receipts.answer(connection, receiptSource, providerId).map(text -> {
            Map<String, Object> result = read(text);
            result.put("processed", false);
            return new Outcome(result, Announcement.NONE);
        });
    }

    private Uni<Map<String, Object>> record(SqlConnection connection, String receiptSource, String providerId, Map<String, Object> result) {
        return receipts.record(connection, receiptSource, providerId, write(result)).replaceWith(result);
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
