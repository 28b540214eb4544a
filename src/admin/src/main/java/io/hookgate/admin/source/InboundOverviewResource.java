package io.hookgate.admin.source;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

/**
 * Admin only, across every inbound source at once (one request where the per-source routes of {@link SourceResource}
 * would take one per source): the policies set and the blocked addresses.
 */
@Path("/api/v1/inbound")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound sources")
public class InboundOverviewResource {

    private final SourcePolicyService policies;
    private final BlockedAddressService blocks;

    public InboundOverviewResource(SourcePolicyService policies, BlockedAddressService blocks) {
        this.policies = policies;
        this.blocks = blocks;
    }

    @GET
    @Path("/policies")
    @Operation(summary = "Every source's policy that an admin has set",
            description = "{data: [policy…]} by source name; a source not listed uses the configured values.")
    public Uni<Map<String, List<SourcePolicyView>>> policies(@Context ContainerRequestContext context) {
        admin(context);
        return policies.stored().map(list -> Map.of("data", list));
    }

    @GET
    @Path("/blocked-addresses")
    @Operation(summary = "The addresses blocked for any source",
            description = "As GET /api/v1/sources/{source}/blocked-addresses, across every source: newest first, active ones unless all=true.")
    public Uni<Page<BlockedAddressView>> blockedAddresses(@QueryParam("all") @DefaultValue("false") boolean all,
                                                          @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                                          @QueryParam("starting_after") String startingAfter,
                                                          @Context ContainerRequestContext context) {
        admin(context);
        return blocks.list(null, all, startingAfter, limit);
    }

    private static void admin(ContainerRequestContext context) {
        Caller.of(context).requireAdmin("may manage inbound sources");
    }
}
