package io.hookgate.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads deliveries and their attempts. */
@ApplicationScoped
@WithSession
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, String> {

    /**
     * Which deliveries a page shows; null fields do not filter. {@code tenantId} and {@code endpointId} scope it (an
     * organisation's, one endpoint's); the times bound the creation time.
     */
    public record Filter(String tenantId, String endpointId, DeliveryStatus status, String eventType,
                         OffsetDateTime since, OffsetDateTime until) {

        public static Filter ofEndpoint(String endpointId, DeliveryStatus status) {
            return new Filter(null, endpointId, status, null, null, null);
        }

        public Filter forEndpoint(String endpoint) {
            return new Filter(tenantId, endpoint, status, eventType, since, until);
        }
    }

    /**
     * One page of deliveries as the filter selects them, newest first (by creation, then id: the order of
     * {@code delivery_endpoint_idx} and {@code delivery_tenant_time_idx}), after the cursor's delivery.
     */
    public Uni<List<Delivery>> page(Filter filter, String before, int limit) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.tenantId() != null) {
            where.add("tenantId = :tenant");
            parameters.and("tenant", filter.tenantId());
        }
        if (filter.endpointId() != null) {
            where.add("endpointId = :endpoint");
            parameters.and("endpoint", filter.endpointId());
        }
        if (filter.status() != null) {
            where.add("status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.eventType() != null) {
            where.add("eventId in (select e.id from Event e where e.type = :type)");
            parameters.and("type", filter.eventType());
        }
        if (filter.since() != null) {
            where.add("createdAt >= :since");
            parameters.and("since", filter.since());
        }
        if (filter.until() != null) {
            where.add("createdAt < :until");
            parameters.and("until", filter.until());
        }
        if (before != null) {
            // the page goes on after the cursor's row in (createdAt, id) order; the first bound is an index condition
            String cursorTime = "(select c.createdAt from Delivery c where c.id = :before)";
            where.add("createdAt <= " + cursorTime + " and (createdAt < " + cursorTime + " or id < :before)");
            parameters.and("before", before);
        }
        return find((where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by createdAt desc, id desc", parameters).page(0, limit).list();
    }

    public Uni<List<DeliveryAttempt>> attemptsOf(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return DeliveryAttempt.<DeliveryAttempt>find("deliveryId in ?1 order by deliveryId, attemptNumber", deliveryIds).list();
    }
}
