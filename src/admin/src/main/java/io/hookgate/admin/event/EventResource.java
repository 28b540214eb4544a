package io.hookgate.admin.event;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.delivery.DeliveryResource;
import io.hookgate.admin.deadletter.RequeueService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/events}: emit events from a tenant's own systems, read them, and replay them. */
@Path("/api/v1/events")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Events")
public class EventResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final EventService events;
    private final RequeueService requeue;

    public EventResource(EventService events, RequeueService requeue) {
        this.events = events;
        this.requeue = requeue;
    }

    @POST
    @Operation(summary = "Emit an event to the organisation's subscribers",
            description = "202 with the stored event; it is fanned out after the commit. With an Idempotency-Key (1-255 characters), "
                    + "a repeat within 24 hours answers the first event with the header Idempotent-Replayed: true; the same key "
                    + "with a different body is 422 idempotency_key_reused.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "trigger_event", value = "{\"type\":\"user.created\",\"data\":{\"user_id\":123,\"email\":\"user@example.com\",\"username\":\"newuser\",\"created_at\":\"2025-01-26T12:00:00Z\"}}")))
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventView.class)))
    public Uni<Response> emit(@Valid @NotNull EmitEventRequest request, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                              @Context ContainerRequestContext context) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
            throw new ApiException(400, "invalid_idempotency_key", "Idempotency-Key must be 1 to 255 characters");
        }
        return events.emit(Caller.of(context), request, idempotencyKey).map(emitted -> {
            Response.ResponseBuilder answer = Response.accepted(emitted.event());
            if (emitted.replayed()) {
                answer.header("Idempotent-Replayed", "true");
            }
            return answer.build();
        });
    }

    @GET
    @Operation(summary = "List events", description = "Newest first; filter by type; pass nextCursor as starting_after.")
    public Uni<Page<EventView>> list(@QueryParam("type") String type,
                                     @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                     @QueryParam("starting_after") String startingAfter, @Context ContainerRequestContext context) {
        return events.list(Caller.of(context), type, startingAfter, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an event")
    public Uni<EventView> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return events.get(Caller.of(context), id);
    }

    @POST
    @Path("/{id}/replay")
    @Operation(summary = "Send an event again to every endpoint it reaches now")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RequeueService.Requeued.class)))
    public Uni<Response> replay(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return events.visible(Caller.of(context), id).chain(requeue::replay).map(DeliveryResource::accepted);
    }
}
