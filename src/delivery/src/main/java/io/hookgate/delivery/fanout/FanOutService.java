package io.hookgate.delivery.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.endpoint.EndpointRepository;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Turns one event into one delivery row per matching enabled endpoint (type, wildcards and payload filters). Idempotent: a redelivered fan-out message
 * inserts nothing new (unique event and endpoint) and returns the deliveries that still await their first attempt.
 */
@ApplicationScoped
public class FanOutService {

    private static final Logger LOG = Logger.getLogger(FanOutService.class);

    private final EndpointRepository endpoints;
    private final ObjectMapper json;

    public FanOutService(EndpointRepository endpoints, ObjectMapper json) {
        this.endpoints = endpoints;
        this.json = json;
    }

    /** The ids of the deliveries to enqueue; empty when the event is unknown or nobody subscribes. */
    @WithTransaction
    public Uni<List<String>> fanOut(String eventId) {
        return Event.<Event>findById(eventId).chain(event -> {
            if (event == null) {
                LOG.warnf("fan-out of unknown event %s ignored", eventId);
                return Uni.createFrom().item(List.<String>of());
            }
            if (event.tenantId == null) {
                return Uni.createFrom().item(List.<String>of());
            }
            return endpoints.subscribedTo(event.tenantId, event.type, data(event))
                    .chain(matching -> insertDeliveries(event, matching))
                    .chain(() -> Panache.getSession().chain(session -> session.<String>createNativeQuery(
                                    "select id from delivery where event_id = :event and status = 'PENDING' and attempt_count = 0 order by id")
                            .setParameter("event", eventId).getResultList()));
        });
    }

    private JsonNode data(Event event) {
        try {
            return json.readTree(event.payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.id + " has an unreadable payload", e);
        }
    }

    private Uni<Void> insertDeliveries(Event event, List<Endpoint> matching) {
        if (matching.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> {
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
            return chain.replaceWithVoid();
        });
    }
}
