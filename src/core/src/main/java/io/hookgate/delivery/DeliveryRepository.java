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
    public Uni<List<Delivery>> pageForEndpoint(String endpointId, String status, String before, int limit) {
        StringBuilder where = new StringBuilder("endpointId = :endpoint");
        io.quarkus.panache.common.Parameters parameters = io.quarkus.panache.common.Parameters.with("endpoint", endpointId);
        if (status != null) {
            where.append(" and status = :status");
            parameters.and("status", DeliveryStatus.valueOf(status));
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
