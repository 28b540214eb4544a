package io.hookgate.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.catalogue.EventCatalogue;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** Reads and writes endpoints; soft-deleted ones are invisible here. */
@ApplicationScoped
@WithSession
public class EndpointRepository implements PanacheRepositoryBase<Endpoint, String> {

    private final EventCatalogue catalogue;
    private final ObjectMapper json;

    public EndpointRepository(EventCatalogue catalogue, ObjectMapper json) {
        this.catalogue = catalogue;
        this.json = json;
    }

    public Uni<Endpoint> findLive(String id) {
        return find("id = ?1 and deletedAt is null", id).firstResult();
    }

    /** A tenant's endpoint, or null when it does not exist or belongs to another tenant. */
    public Uni<Endpoint> findLive(String id, String tenantId) {
        return find("id = ?1 and tenantId = ?2 and deletedAt is null", id, tenantId).firstResult();
    }

    /** One page of live endpoints after the cursor id, oldest first; a null tenant means every tenant. */
    public Uni<List<Endpoint>> page(String tenantId, String after, int limit) {
        String cursor = after == null ? "" : after;
        var query = tenantId == null
                ? find("deletedAt is null and id > ?1 order by id", cursor)
                : find("deletedAt is null and tenantId = ?1 and id > ?2 order by id", tenantId, cursor);
        return query.page(0, limit).list();
    }

    /**
     * The enabled endpoints of a tenant that subscribe to an event type (exactly or through a wildcard) and whose
     * payload filters the event's data passes.
     */
    public Uni<List<Endpoint>> subscribedTo(String tenantId, String eventType, JsonNode data) {
        return find("tenantId = ?1 and active = true and deletedAt is null", tenantId).<Endpoint>list()
                .map(all -> all.stream()
                        .filter(e -> Arrays.stream(e.events).anyMatch(subscription -> catalogue.matches(subscription, eventType)))
                        .filter(e -> PayloadFilter.matches(filters(e), data))
                        .toList());
    }

    /** The enabled endpoints among the given ids that belong to the tenant: the recipients of a targeted event. */
    public Uni<List<Endpoint>> enabledAmong(String tenantId, List<String> ids) {
        return find("tenantId = ?1 and active = true and deletedAt is null and id in ?2", tenantId, ids).list();
    }

    private JsonNode filters(Endpoint endpoint) {
        try {
            return endpoint.filters == null ? null : json.readTree(endpoint.filters);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("endpoint " + endpoint.id + " has unreadable filters", e);
        }
    }
}
