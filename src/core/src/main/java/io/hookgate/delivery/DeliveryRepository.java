package io.hookgate.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads deliveries and their attempts. */
@ApplicationScoped
@WithSession
public class DeliveryRepository implements PanacheRepositoryBase<Delivery, String> {

    /** One page of an endpoint's deliveries (only those in {@code status} unless it is null), newest first, before the cursor id. */
    /** Which of an endpoint's deliveries a page shows; null fields do not filter. Times bound the creation time. */
    public record Filter(DeliveryStatus status, String eventType, java.time.OffsetDateTime since, java.time.OffsetDateTime until) {
        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /** Newest first, after the cursor id. */
    public Uni<List<Delivery>> pageForEndpoint(String endpointId, Filter filter, String before, int limit) {
        StringBuilder where = new StringBuilder("endpointId = :endpoint");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("endpoint", endpointId);
        if (filter.status() != null) {
            where.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.eventType() != null) {
            where.append(" and eventId in (select e.id from Event e where e.type = :type)");
            parameters.and("type", filter.eventType());
        }
        if (filter.since() != null) {
            where.append(" and createdAt >= :since");
            parameters.and("since", filter.since());
        }
        if (filter.until() != null) {
            where.append(" and createdAt < :until");
            parameters.and("until", filter.until());
        }
        if (before != null) {
            where.append(" and id < :before");
            parameters.and("before", before);
        }
        return find(where + " order by id desc", parameters).page(0, limit).list();
    }

    public Uni<List<DeliveryAttempt>> attemptsOf(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return DeliveryAttempt.<DeliveryAttempt>find("deliveryId in ?1 order by deliveryId, attemptNumber", deliveryIds).list();
    }
}
