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

    /** One page of an endpoint's deliveries, newest first, before the cursor id. */
    public Uni<List<Delivery>> pageForEndpoint(String endpointId, String before, int limit) {
        var query = before == null
                ? find("endpointId = ?1 order by id desc", endpointId)
                : find("endpointId = ?1 and id < ?2 order by id desc", endpointId, before);
        return query.page(0, limit).list();
    }

    public Uni<List<DeliveryAttempt>> attemptsOf(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return DeliveryAttempt.<DeliveryAttempt>find("deliveryId in ?1 order by deliveryId, attemptNumber", deliveryIds).list();
    }
}
