package io.hookgate.admin.deadletter;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.delivery.DeliveryQueryService;
import io.hookgate.admin.delivery.DeliveryView;
import io.hookgate.delivery.Delivery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/**
 * One delivery by id (what an operational event's {@code deliveryId} links to) and its manual retry (event replays live on {@link io.hookgate.admin.event.EventResource}). The
 * per-endpoint dead-letter routes live on
 * {@link io.hookgate.admin.endpoint.EndpointResource}, which owns every path under /api/v1/webhooks.
 */
@Path("/api/v1/deliveries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters and replay")
public class DeadLetterResource {

    private final RequeueService requeue;
    private final DeliveryQueryService deliveries;

    public DeadLetterResource(RequeueService requeue, DeliveryQueryService deliveries) {
        this.requeue = requeue;
        this.deliveries = deliveries;
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
        return visibleDelivery(Caller.of(context), id).chain(requeue::retryOne).map(DeadLetterResource::accepted);
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
