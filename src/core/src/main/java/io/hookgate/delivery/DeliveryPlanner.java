package io.hookgate.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.endpoint.EndpointRepository;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Creates one delivery row per enabled endpoint that an event currently reaches: its targets when it names them (an
 * admin send), otherwise every subscriber (type, wildcards, payload filters).
 * Idempotent: a delivery that exists already is left alone (unique event and endpoint). Call inside a transaction.
 */
@ApplicationScoped
public class DeliveryPlanner {

    private final EndpointRepository endpoints;
    private final ObjectMapper json;

    public DeliveryPlanner(EndpointRepository endpoints, ObjectMapper json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    /** The endpoints the event reaches now, after making sure each has its delivery row. */
    public Uni<List<Endpoint>> plan(Event event) {
        if (event.tenantId == null) {
            return Uni.createFrom().item(List.of());
        }
        Uni<List<Endpoint>> reached = event.targetEndpointIds != null
                ? endpoints.enabledAmong(event.tenantId, List.of(event.targetEndpointIds))
                : endpoints.subscribedTo(event.tenantId, event.type, data(event));
        return reached
                .call(matching -> Panache.getSession().chain(session -> {
                    Uni<Integer> chain = Uni.createFrom().item(0);
                    for (Endpoint endpoint : matching) {
                        chain = chain.chain(() -> session.createNativeQuery("""
                                        insert into delivery (id, tenant_id, event_id, endpoint_id, status)
                                        values (:id, :tenant, :event, :endpoint, 'PENDING')
                                        on conflict (event_id, endpoint_id) do nothing""")
                                .setParameter("id", Ids.next("dlv")).setParameter("tenant", event.tenantId)
                                .setParameter("event", event.id).setParameter("endpoint", endpoint.id)
                                .executeUpdate());
                    }
                    return chain;
                }));
    }

    private com.fasterxml.jackson.databind.JsonNode data(Event event) {
        try {
            return json.readTree(event.payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id + " has an unreadable payload", e);
        }
    }
}
