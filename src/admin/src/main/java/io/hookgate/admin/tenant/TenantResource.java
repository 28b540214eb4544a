package io.hookgate.admin.tenant;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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

/** {@code /api/v1/tenants}: organisations. Admins create them; a tenant key reads and renames its own. */
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tenants and API keys")
public class TenantResource {

    private final TenantService tenants;

    public TenantResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    @Operation(summary = "Create an organisation", description = "Admin only. Then create its first tenant key with POST /api/v1/api-keys and orgId.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TenantView.class)))
    public Uni<Response> create(@Valid @NotNull TenantRequest request, @Context ContainerRequestContext context) {
        Caller.of(context).requireAdmin("may create organisations");
        return tenants.create(request).map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Operation(summary = "List organisations", description = "Admins see all, oldest first; a tenant key sees its own.")
    public Uni<Page<TenantView>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                      @QueryParam("starting_after") String startingAfter, @Context ContainerRequestContext context) {
        return tenants.list(Caller.of(context), startingAfter, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an organisation")
    public Uni<TenantView> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return tenants.get(Caller.of(context), id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Rename an organisation")
    public Uni<TenantView> rename(@PathParam("id") String id, @Valid @NotNull TenantRequest request, @Context ContainerRequestContext context) {
        return tenants.rename(Caller.of(context), id, request);
    }
}
