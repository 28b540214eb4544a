package io.hookgate.admin.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.endpoint.DeliveryProfile;
import io.hookgate.event.EventJournal;
import io.hookgate.admin.tenant.OutboundPolicyService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Supplier;

/**
 * The door of every route that creates or changes an endpoint, canonical or seed-shaped: reads the body in any seed's
 * field names, vets the target URL (outside any transaction: it resolves DNS), then lets {@link EndpointService} write,
 * and announces the operational event a change of the endpoint's state made, once committed.
 */
@ApplicationScoped
public class EndpointChanges {

    private final EndpointRequestReader reader;
    private final EndpointUrlPolicy urls;
    private final EndpointService endpoints;
    private final EventJournal journal;
    private final OutboundPolicyService outboundPolicies;

    public EndpointChanges(EndpointRequestReader reader, EndpointUrlPolicy urls, EndpointService endpoints, EventJournal journal,
                           OutboundPolicyService outboundPolicies) {
        this.journal = journal;
        this.outboundPolicies = outboundPolicies;
        this.reader = reader;
        this.urls = urls;
        this.endpoints = endpoints;
    }

    public Uni<EndpointView> create(Caller caller, JsonNode body) throws JsonProcessingException {
        return create(caller, body, DeliveryProfile.STANDARD);
    }

    /** A creation on a seed's route: the endpoint gets that seed's delivery profile unless the body names one. */
    public Uni<EndpointView> create(Caller caller, JsonNode body, DeliveryProfile profile) throws JsonProcessingException {
        ObjectNode fields = reader.canonical(body);
        if (!fields.has("profile")) {
            fields.put("profile", profile.wireName());
        }
        CreateEndpointRequest request = reader.read(fields);   // already canonical: read as it stands
        return vetTarget(request.url(), () -> Uni.createFrom().item(caller.owningTenant(request.orgId())))
                .chain(() -> endpoints.create(caller, request));
    }

    public Uni<EndpointView> replace(Caller caller, String id, JsonNode body) throws JsonProcessingException {
        CreateEndpointRequest request = reader.read(body);
        return vetTarget(request.url(), () -> tenantOf(caller, id))
                .chain(() -> endpoints.replace(caller, id, request)).chain(this::announced);
    }

    /** A JSON merge patch over the stored settings (seed 004's PUT and seed 002's PATCH are this too). */
    public Uni<EndpointView> patch(Caller caller, String id, JsonNode body) {
        if (body == null || body.isNull()) {
            throw new ApiException(400, "invalid_json", "The body is a JSON object of the fields to change");
        }
        ObjectNode patch = reader.canonical(body);
        return vetTarget(patch.path("url").isTextual() ? patch.get("url").asText() : null, () -> tenantOf(caller, id))
                .chain(() -> endpoints.patch(caller, id, patch)).chain(this::announced);
    }

    /** Enables (closing its circuit, forgetting past failures) or disables an endpoint. */
    public Uni<EndpointView> setActive(Caller caller, String id, boolean active) {
        return endpoints.setActive(caller, id, active).chain(this::announced);
    }

    /** Vets a new target URL against the private networks and the destinations its organisation forbids. */
    private Uni<Void> vetTarget(String url, Supplier<Uni<String>> tenant) {
        if (url == null) {
            return Uni.createFrom().voidItem();
        }
        return tenant.get().chain(outboundPolicies::forbiddenDestinations).chain(forbidden -> urls.vetTarget(url, forbidden));
    }

    /** The organisation of an endpoint the caller can see; another's is a 404, before its policy is read. */
    private Uni<String> tenantOf(Caller caller, String id) {
        return endpoints.visible(caller, id).map(endpoint -> endpoint.tenantId);
    }

    private Uni<EndpointView> announced(EndpointService.Changed changed) {
        return journal.announce(changed.announcement()).replaceWith(changed.view());
    }
}
