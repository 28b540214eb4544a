package io.hookgate.admin.apikey;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;

/** {@code /api/v1/api-keys}: bearer keys, shown once, stored hashed, named, rotated and revoked. */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants and API keys")
public class ApiKeyResource {

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    @Operation(summary = "Create an API key", description = "The answer carries the key, once. A tenant key creates tenant keys of its own organisation; admin keys are created by admins.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "tenant key", value = "{\"name\":\"acme backend\",\"orgId\":\"org_01a2096637bb632e61dd1e4a5dca\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyView.class)))
    public Uni<Response> create(@Valid @NotNull ApiKeyRequests.Create request, @Context ContainerRequestContext context) {
        return keys.create(Caller.of(context), request).map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Operation(summary = "List API keys", description = "Newest first, with prefix, lastUsedAt (to the minute) and revokedAt; active=true hides revoked keys.")
    public Uni<Page<ApiKeyView>> list(@QueryParam("active") @jakarta.validation.constraints.Pattern(regexp = "true|false", message = "must be true or false") String active,
                                      @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                      @QueryParam("starting_after") String startingAfter, @Context ContainerRequestContext context) {
        return keys.list(Caller.of(context), "true".equals(active), startingAfter, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an API key (never the key itself)")
    public Uni<ApiKeyView> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return keys.get(Caller.of(context), id);
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(summary = "Rotate an API key", description = "A new key with the same name and role, shown once; the old one stops at once or after overlapSeconds (at most 7 days).")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyView.class)))
    public Uni<Response> rotate(@PathParam("id") String id, @Valid ApiKeyRequests.Rotate request, @Context ContainerRequestContext context) {
        int overlap = request == null || request.overlapSeconds() == null ? 0 : request.overlapSeconds();
        return keys.rotate(Caller.of(context), id, Duration.ofSeconds(overlap))
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke an API key", description = "It stops working at once; it stays listed with revokedAt.")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<Response> revoke(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return keys.revoke(Caller.of(context), id).map(ignored -> Response.noContent().build());
    }
}
