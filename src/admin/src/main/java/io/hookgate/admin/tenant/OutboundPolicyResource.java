package io.hookgate.admin.tenant;

import io.hookgate.admin.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/outbound-policy}: the addresses and ranges an organisation's endpoints may not call, on top of the
 * built-in private-address guard. A tenant key manages its own; an admin key names {@code orgId}.
 */
@Path("/api/v1/outbound-policy")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants and API keys")
public class OutboundPolicyResource {

    private final OutboundPolicyService policies;

    public OutboundPolicyResource(OutboundPolicyService policies) {
        this.policies = policies;
    }

    @GET
    @Operation(summary = "Get the organisation's forbidden destinations")
    public Uni<OutboundPolicy.View> get(@QueryParam("orgId") String orgId, @Context ContainerRequestContext context) {
        return policies.get(Caller.of(context).settingsTenant(orgId));
    }

    @PUT
    @Operation(summary = "Set the organisation's forbidden destinations",
            description = "blockedDestinations: addresses or CIDR ranges, IPv4 or IPv6 (at most 1000; [] forbids nothing beyond the built-in "
                    + "guard). Every attempt whose host resolves into one is refused without a call (errorCategory refused_target, not retried), "
                    + "and a new or changed endpoint URL that resolves into one is refused with a 422 on url.")
    public Uni<OutboundPolicy.View> put(@QueryParam("orgId") String orgId, @Valid @NotNull OutboundPolicy.Request request,
                                        @Context ContainerRequestContext context) {
        return policies.put(Caller.of(context).settingsTenant(orgId), request);
    }
}
