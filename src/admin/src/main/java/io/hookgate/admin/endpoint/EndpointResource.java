package io.hookgate.admin.endpoint;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.delivery.DeliveryQueryService;
import io.hookgate.admin.delivery.DeliveryView;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/webhooks}: register endpoints and read what was delivered to them (seed 003). */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class EndpointResource {

    private final EndpointService endpoints;
    private final DeliveryQueryService deliveries;

    public EndpointResource(EndpointService endpoints, DeliveryQueryService deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @POST
    @Operation(summary = "Register an endpoint", description = "The answer carries the signing secret; it is never shown again.")
    public Uni<Response> create(@Valid @NotNull CreateEndpointRequest request, @Context ContainerRequestContext context) {
        return endpoints.create(Caller.of(context), request)
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Operation(summary = "List endpoints", description = "Oldest first; pass nextCursor as starting_after for the next page.")
    public Uni<Page<EndpointView>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                        @QueryParam("starting_after") String startingAfter,
                                        @Context ContainerRequestContext context) {
        return endpoints.list(Caller.of(context), startingAfter, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an endpoint")
    public Uni<EndpointView> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id).map(e -> endpoints.view(e, null));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "List an endpoint's deliveries with their attempts", description = "Newest first; pass nextCursor as starting_after.")
    public Uni<Page<DeliveryView>> deliveries(@PathParam("id") String id,
                                              @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                              @QueryParam("starting_after") String startingAfter,
                                              @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id).chain(endpoint -> deliveries.forEndpoint(endpoint.id, startingAfter, limit));
    }
}
