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

    /** Which endpoints a list shows; null fields do not filter. */
    public record ListFilter(String tenantId, Boolean active, String eventType, String urlContains) {
    }

    /**
     * One page of live endpoints after the cursor id, oldest first. {@code eventType} keeps the endpoints whose
     * subscriptions cover it: the type itself, {@code *}, or a {@code prefix.*} of its name or category.
     */
    public Uni<List<Endpoint>> page(ListFilter filter, String after, int limit) {
        String[] covering = filter.eventType() == null ? null : covering(filter.eventType()).toArray(String[]::new);
        return getSession().chain(session -> session.<String>createNativeQuery("""
                        select id from endpoint
                        where deleted_at is null and id > :after
                          and (cast(:tenant as text) is null or tenant_id = :tenant)
                          and (cast(:active as boolean) is null or active = :active)
                          and (cast(:url as text) is null or strpos(lower(url), lower(:url)) > 0)
                          and (cast(:covering as text) is null or events && string_to_array(cast(:covering as text), ' '))
                        order by id limit :limit""")
                .setParameter("after", after == null ? "" : after).setParameter("tenant", filter.tenantId())
                .setParameter("active", filter.active()).setParameter("url", filter.urlContains())
                .setParameter("covering", covering == null ? null : String.join(" ", covering)).setParameter("limit", limit)
                .getResultList())
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(List.<Endpoint>of()) : find("id in ?1 order by id", ids).list());
    }

    /** The subscription entries that cover an event type. */
    private List<String> covering(String eventType) {
        String name = catalogue.resolve(eventType).filter(t -> !t.name().endsWith("*")).map(t -> t.name()).orElse(eventType);
        List<String> entries = new java.util.ArrayList<>(List.of(EventCatalogue.WILDCARD, name));
        for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
            entries.add(name.substring(0, dot) + ".*");
        }
        catalogue.resolve(name).ifPresent(t -> entries.add(t.category() + ".*"));
        return entries.stream().distinct().toList();
    }

    /**
     * The enabled endpoints of a tenant that subscribe to an event type (exactly or through a wildcard) and whose
     * payload filters the event's data passes.
     */
    public Uni<List<Endpoint>> subscribedTo(String tenantId, String eventType, JsonNode data) {
        return find("tenantId = ?1 and active = true and deletedAt is null", tenantId).<Endpoint>list()
                .map(all -> all.stream().filter(e -> reaches(e.id, e.events, e.filters, eventType, data)).toList());
    }

    /**
     * Whether an event of this type and data reaches an endpoint with these subscriptions and payload filters (JSON
     * text, null for none): the one subscription rule, for the fan-out and the admin's replays alike.
     */
    public boolean reaches(String endpointId, String[] subscriptions, String filters, String eventType, JsonNode data) {
        if (subscriptions == null || Arrays.stream(subscriptions).noneMatch(subscription -> catalogue.matches(subscription, eventType))) {
            return false;
        }
        try {
            return PayloadFilter.matches(filters == null ? null : json.readTree(filters), data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("endpoint " + endpointId + " has unreadable filters", e);
        }
    }

    /** The enabled endpoints among the given ids that belong to the tenant: the recipients of a targeted event. */
    public Uni<List<Endpoint>> enabledAmong(String tenantId, List<String> ids) {
        return find("tenantId = ?1 and active = true and deletedAt is null and id in ?2", tenantId, ids).list();
    }
}
