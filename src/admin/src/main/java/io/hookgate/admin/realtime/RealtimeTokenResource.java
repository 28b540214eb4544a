package io.hookgate.admin.realtime;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.core.input.KnownFieldsOnly;
import io.hookgate.admin.auth.Caller;
import io.hookgate.realtime.RealtimeTokens;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/realtime/tokens}: a short-lived token that authenticates a WebSocket client as one user. */
@Path("/api/v1/realtime/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Realtime")
public class RealtimeTokenResource {

    /** The user the token is for. */
    @RegisterForReflection
    @KnownFieldsOnly
    public record TokenRequest(@NotBlank @Size(max = 64) String userId,
                               @Size(max = 50) java.util.List<@jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}",
                                       message = "must be a room name: lower-case letters, digits, _ and -") String> rooms) {
    }

    /** The token to send in the WebSocket's {@code auth} message. */
    @RegisterForReflection
    public record TokenResponse(String token, String userId) {
    }

    private final RealtimeTokens tokens;

    public RealtimeTokenResource(RealtimeTokens tokens) {
        this.tokens = tokens;
    }

    @POST
    @Operation(summary = "Issue a realtime token for a user (admin only)")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TokenResponse.class)))
    public Uni<Response> issue(@Valid @NotNull TokenRequest request, @Context ContainerRequestContext context) {
        Caller.of(context).requireAdmin("issues realtime tokens");
        return Uni.createFrom().item(Response.status(201).entity(new TokenResponse(tokens.issue(request.userId(), false,
                request.rooms() == null ? java.util.List.of() : request.rooms()), request.userId())).build());
    }
}
