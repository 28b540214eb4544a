package io.hookgate.admin.source;

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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/**
 * {@code /api/v1/sources}: the providers that may send webhooks to {@code /api/webhook/sources/{id}}, and the
 * per-source policies (IP allow and block lists, rate limit, price age) of every inbound route, and the addresses
 * blocked for suspicious activity. Admin keys only.
 */
@Path("/api/v1/sources")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound sources")
public class SourceResource {

    private final SourceService sources;
    private final SourcePolicyService policies;
    private final BlockedAddressService blocks;

    public SourceResource(SourceService sources, SourcePolicyService policies, BlockedAddressService blocks) {
        this.sources = sources;
        this.policies = policies;
        this.blocks = blocks;
    }

    @POST
    @Operation(summary = "Register an inbound source",
            description = "Schemes: standard_webhooks, stripe, github, hmac_hex, hmac_base64. A generated secret is in the answer, once.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "github", value = "{\"name\":\"github\",\"scheme\":\"github\",\"secret\":\"the secret set on the GitHub webhook\",\"acceptedEvents\":[\"push\",\"pull_request\"]}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = SourceView.class)))
    public Uni<Response> create(@Valid @NotNull SourceRequests.Create request, @Context ContainerRequestContext context) {
        return sources.create(admin(context), request).map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Operation(summary = "List inbound sources", description = "Oldest first; pass nextCursor as starting_after for the next page.")
    public Uni<Page<SourceView>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                      @QueryParam("starting_after") String startingAfter, @Context ContainerRequestContext context) {
        admin(context);
        return sources.list(startingAfter, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an inbound source")
    public Uni<SourceView> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        admin(context);
        return sources.get(id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change an inbound source", description = "Absent fields keep their value; enabled: false refuses its calls (WEBHOOK_008).")
    public Uni<SourceView> update(@PathParam("id") String id, @Valid @NotNull SourceRequests.Update request,
                                  @Context ContainerRequestContext context) {
        admin(context);
        return sources.update(id, request);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(summary = "Replace a source's signing secret", description = "Give the provider's new secret, or none to have one generated and shown once.")
    public Uni<SourceView> rotate(@PathParam("id") String id, @Valid SourceRequests.RotateSecret request, @Context ContainerRequestContext context) {
        admin(context);
        return sources.rotateSecret(id, request == null ? null : request.secret());
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Remove an inbound source", description = "Its events and receipts are kept.")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<Response> delete(@PathParam("id") String id, @Context ContainerRequestContext context) {
        admin(context);
        return sources.delete(id).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{source}/policy")
    @Operation(summary = "Get a source's policy", description = "{source} is ccpayment, price-feed, analytics or a registered source's id. Null fields use the configured value.")
    public Uni<SourcePolicyView> policy(@PathParam("source") String source, @Context ContainerRequestContext context) {
        admin(context);
        return policies.get(source);
    }

    @PUT
    @Path("/{source}/policy")
    @Operation(summary = "Set a source's policy", description = "Replaces the whole policy; null fields use the configured value. Ingest applies it within its policy cache TTL (30 s).")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "ccpayment", value = "{\"ipAllowlist\":[\"52.74.223.119\",\"13.229.135.131\",\"2001:db8::/32\"],\"rateLimit\":1000,\"rateWindowSeconds\":3600,\"priceMaxAgeSeconds\":3600}")))
    public Uni<SourcePolicyView> setPolicy(@PathParam("source") String source, @Valid @NotNull SourceRequests.Policy request,
                                           @Context ContainerRequestContext context) {
        admin(context);
        return policies.put(source, request);
    }

    @DELETE
    @Path("/{source}/policy")
    @Operation(summary = "Remove a source's policy", description = "The configured values apply again.")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<Response> deletePolicy(@PathParam("source") String source, @Context ContainerRequestContext context) {
        admin(context);
        return policies.delete(source).map(ignored -> Response.noContent().build());
    }

    @GET
    @Path("/{source}/blocked-addresses")
    @Operation(summary = "List the addresses blocked for a source",
            description = "Addresses the ingest function blocked after repeated suspicious calls (bad signatures, stale timestamps, unknown "
                    + "source ids), newest first; all=true adds lifted and expired blocks. {source} is ccpayment, price-feed, analytics, a "
                    + "registered source's id, or sources (probes of unknown source ids, which block every registered source).")
    public Uni<Page<BlockedAddressView>> blockedAddresses(@PathParam("source") String source,
                                                          @QueryParam("all") @DefaultValue("false") boolean all,
                                                          @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                                          @QueryParam("starting_after") String startingAfter,
                                                          @Context ContainerRequestContext context) {
        admin(context);
        return blocks.list(source, all, startingAfter, limit);
    }

    @DELETE
    @Path("/{source}/blocked-addresses/{id}")
    @Operation(summary = "Lift a block", description = "The address may call again (within the ingest policy cache TTL), with its strikes forgotten.")
    public Uni<BlockedAddressView> lift(@PathParam("source") String source, @PathParam("id") String id, @Context ContainerRequestContext context) {
        return blocks.lift(source, id, admin(context).keyId());
    }

    private static Caller admin(ContainerRequestContext context) {
        return Caller.of(context).requireAdmin("may manage inbound sources");
    }
}
