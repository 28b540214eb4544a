package io.hookgate.admin.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.TimeRange;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.delivery.Delivery;
import io.hookgate.delivery.DeliveryAttempt;
import io.hookgate.delivery.DeliveryRepository;
import io.hookgate.delivery.DeliveryStatus;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads deliveries (an endpoint's, an organisation's) with their attempts, three queries per page whatever its size. */
@ApplicationScoped
public class DeliveryQueryService {

    private final DeliveryRepository deliveries;
    private final ObjectMapper json;
    private final EventCatalogue catalogue;

    public DeliveryQueryService(DeliveryRepository deliveries, ObjectMapper json, EventCatalogue catalogue) {
        this.deliveries = deliveries;
        this.json = json;
        this.catalogue = catalogue;
    }

    /**
     * The filter of a delivery list from its query parameters: {@code status} already validated, {@code event} a type
     * or one of its aliases, {@code since} and {@code until} ISO-8601 times (422 otherwise).
     */
    public DeliveryRepository.Filter filter(String tenantId, String endpointId, String status, String event, String since, String until) {
        return new DeliveryRepository.Filter(tenantId, endpointId, status == null ? null : DeliveryStatus.valueOf(status),
                event == null ? null : catalogue.resolve(event).map(t -> t.name().endsWith("*") ? event : t.name()).orElse(event),
                TimeRange.optional("since", since), TimeRange.optionalEnd("until", until));
    }

    /** Deliveries newest first, with their attempts, as the filter selects them. */
    @WithSession
    public Uni<Page<DeliveryView>> page(DeliveryRepository.Filter filter, String startingAfter, int limit) {
        return deliveries.page(filter, startingAfter, limit + 1)
                .chain(rows -> views(rows).map(views -> Page.of(views, limit, v -> v, DeliveryView::id)));
    }

    /** One delivery with its attempts, read fresh. */
    @WithSession
    public Uni<DeliveryView> one(String deliveryId) {
        return Delivery.<Delivery>findById(deliveryId).chain(d -> views(List.of(d))).map(List::getFirst);
    }

    private Uni<List<DeliveryView>> views(List<Delivery> rows) {
        List<String> ids = rows.stream().map(d -> d.id).toList();
        List<String> eventIds = rows.stream().map(d -> d.eventId).distinct().toList();
        Uni<Map<String, String>> types = eventIds.isEmpty() ? Uni.createFrom().item(Map.of())
                : Event.<Event>find("id in ?1", eventIds).list().map(events -> events.stream()
                .collect(Collectors.toMap(e -> e.id, e -> e.type)));
        return types.chain(typeById -> deliveries.attemptsOf(ids).map(attempts -> {
            Map<String, List<DeliveryAttempt>> byDelivery = attempts.stream().collect(Collectors.groupingBy(a -> a.deliveryId));
            Function<Delivery, DeliveryView> view = d -> new DeliveryView(d.id, d.eventId, typeById.get(d.eventId), d.endpointId,
                    d.status.name(), d.attemptCount, d.nextRetryAt, d.lastStatusCode, d.lastError, d.createdAt, d.updatedAt,
                    d.test, byDelivery.getOrDefault(d.id, List.of()).stream().map(this::view).toList());
            return rows.stream().map(view).toList();
        }));
    }

    private DeliveryView.AttemptView view(DeliveryAttempt a) {
        return new DeliveryView.AttemptView(a.attemptNumber, a.trigger, a.startedAt, a.durationMs, tree(a.requestHeaders),
                a.responseStatus, tree(a.responseHeaders), a.responseBody, a.error, a.errorCategory, a.traceId);
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
