package io.hookgate.admin.delivery;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.TimeRange;
import io.hookgate.admin.deadletter.RequeueService;
import io.hookgate.admin.endpoint.EndpointService;
import io.hookgate.delivery.Delivery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Deliveries across an organisation's endpoints (an admin's across every organisation, or one it names): the list, one
 * delivery by id (what an operational event's {@code deliveryId} links to), its manual retry and the bulk retry of dead
 * letters. Event replays live on {@link io.hookgate.admin.event.EventResource}; one endpoint's deliveries and dead
 * letters on {@link io.hookgate.admin.endpoint.EndpointResource}, which owns every path under /api/v1/webhooks.
 */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries and dead letters")
public class DeliveryResource {

    private final RequeueService requeue;
    private final DeliveryQueryService deliveries;
    private final EndpointService endpoints;

    public DeliveryResource(RequeueService requeue, DeliveryQueryService deliveries, EndpointService endpoints) {
        this.requeue = requeue;
        this.deliveries = deliveries;
        this.endpoints = endpoints;
    }

    @GET
    @Operation(summary = "List deliveries across endpoints with their attempts",
            description = "Newest first; pass nextCursor as starting_after. A tenant key sees its organisation's; an admin key every "
                    + "organisation's, or orgId's. Filters: endpointId, status (PENDING, SUCCESS, FAILED, RETRY_EXHAUSTED), event (a type "
                    + "or alias), since and until (ISO-8601, on the delivery's creation).")
    public Uni<Page<DeliveryView>> list(@QueryParam("orgId") @Size(max = 100) String orgId,
                                        @QueryParam("endpointId") @Size(max = 100) String endpointId,
                                        @QueryParam("status") @Pattern(regexp = "PENDING|SUCCESS|FAILED|RETRY_EXHAUSTED",
                                                message = "must be PENDING, SUCCESS, FAILED or RETRY_EXHAUSTED") String status,
                                        @QueryParam("event") @Size(max = 200) String event,
                                        @QueryParam("since") String since, @QueryParam("until") String until,
                                        @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                        @QueryParam("starting_after") String startingAfter,
                                        @Context ContainerRequestContext context) {
        var filter = deliveries.filter(Caller.of(context).listedTenant(orgId), endpointId, status, event, since, until);
        return deliveries.page(filter, startingAfter, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One delivery with every attempt", description = "404 for a delivery of another organisation.")
    public Uni<DeliveryView> one(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return visibleDelivery(Caller.of(context), id).chain(delivery -> deliveries.one(delivery.id));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Retry one dead letter")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RequeueService.Requeued.class)))
    public Uni<Response> retryOne(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return visibleDelivery(Caller.of(context), id).chain(requeue::retryOne).map(DeliveryResource::accepted);
    }

    @POST
    @Path("/retry")
    @Operation(summary = "Retry dead letters across endpoints",
            description = "Every dead letter (RETRY_EXHAUSTED delivery) of the organisation (an admin key: of orgId, or of every "
                    + "organisation), of endpointId when given, and only those that failed at or after since (ISO-8601) when given: "
                    + "recovery after an outage. At most 1000 per call; hasMore says whether to call again.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RequeueService.Requeued.class)))
    public Uni<Response> retryDeadLetters(@QueryParam("orgId") @Size(max = 100) String orgId,
                                          @QueryParam("endpointId") @Size(max = 100) String endpointId,
                                          @QueryParam("since") String since, @Context ContainerRequestContext context) {
        Caller caller = Caller.of(context);
        String tenant = caller.listedTenant(orgId);
        var from = TimeRange.optional("since", since);
        Uni<String> endpoint = endpointId == null ? Uni.createFrom().nullItem() : endpoints.visible(caller, endpointId).map(e -> e.id);
        return endpoint.chain(id -> requeue.retryDeadLetters(tenant, id, from)).map(DeliveryResource::accepted);
    }

    @WithSession
    Uni<Delivery> visibleDelivery(Caller caller, String id) {
        return Delivery.<Delivery>findById(id).map(d -> {
            if (d == null || !(caller.admin() || d.tenantId.equals(caller.tenantId()))) {
                throw ApiException.notFound("delivery", id);
            }
            return d;
        });
    }

    public static Response accepted(RequeueService.Requeued requeued) {
        return Response.accepted(requeued).build();
    }
}
