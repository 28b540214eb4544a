package io.hookgate.admin.realtime;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** {@code POST /api/v1/realtime/broadcast}: admins push system announcements, moderation notices and room messages. */
@Path("/api/v1/realtime/broadcast")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Realtime")
public class BroadcastResource {

    private final BroadcastService broadcasts;

    public BroadcastResource(BroadcastService broadcasts) {
        this.broadcasts = broadcasts;
    }

    @POST
    @Operation(summary = "Push a realtime event to WebSocket clients (admin only)",
            description = "Without room and userId it reaches every client subscribed to the type; with room, the room's members; "
                    + "with userId, that user. Stored first, so reconnecting clients can resume it. 202 {id}.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "announcement",
            value = "{\"type\":\"system_announcement\",\"data\":{\"message\":\"Maintenance in 1 hour\"}}")))
    @APIResponse(responseCode = "202", description = "A JSON object", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> broadcast(@Valid @NotNull BroadcastRequest request, @Context ContainerRequestContext context) {
        Caller.of(context).requireAdmin("may broadcast realtime events");
        return broadcasts.publish(request)
                .map(event -> Response.accepted(Map.of("id", event.id(), "type", event.event().type())).build());
    }
}
