package io.hookgate.admin.deadletter;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.delivery.Delivery;
import io.hookgate.event.Event;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
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
 * Manual retries of single deliveries and replays of events. The per-endpoint dead-letter routes live on
 * {@link io.hookgate.admin.endpoint.EndpointResource}, which owns every path under /api/v1/webhooks.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters and replay")
public class DeadLetterResource {

    private final RequeueService requeue;

    public DeadLetterResource(RequeueService requeue) {
        this.requeue = requeue;
    }

    @POST
    @Path("/deliveries/{id}/retry")
    @Operation(summary = "Retry one dead letter")
    public Uni<Response> retryOne(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return visibleDelivery(Caller.of(context), id).chain(requeue::retryOne).map(DeadLetterResource::accepted);
    }

    @POST
    @Path("/events/{id}/replay")
    @Operation(summary = "Send an event again to every endpoint it reaches now")
    public Uni<Response> replay(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return visibleEvent(Caller.of(context), id).chain(requeue::replay).map(DeadLetterResource::accepted);
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

    @WithSession
    Uni<Event> visibleEvent(Caller caller, String id) {
        return Event.<Event>findById(id).map(e -> {
            if (e == null || e.tenantId == null || !(caller.admin() || e.tenantId.equals(caller.tenantId()))) {
                throw ApiException.notFound("event", id);
            }
            return e;
        });
    }

    public static Response accepted(RequeueService.Requeued requeued) {
        return Response.accepted(requeued).build();
    }
}
