package io.hookgate.admin.endpoint.seed;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.endpoint.TestSendResult;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.endpoint.CreateEndpointRequest;
import io.hookgate.admin.endpoint.EndpointChanges;
import io.hookgate.admin.endpoint.EndpointService;
import io.hookgate.admin.endpoint.TestSendRequest;
import io.hookgate.admin.endpoint.TestSendService;
import io.hookgate.endpoint.DeliveryProfile;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Seed 002's self-service webhooks, {@code /api/webhooks}: register, list, update ({@code PATCH {events, isActive}}),
 * delete and test, backed by the same services and keys as {@code /api/v1/webhooks}. The test sends seed 002's
 * {@code {"event": "test", "data": {"test": true, "message": "This is a test webhook"}}}.
 */
@Path("/api/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Seed 002: webhooks", description = "V2K's /api/webhooks; canonical: /api/v1/webhooks")
public class V2kWebhookResource {

    private final EndpointService endpoints;
    private final EndpointChanges changes;
    private final TestSendService tests;

    public V2kWebhookResource(EndpointService endpoints, EndpointChanges changes, TestSendService tests) {
        this.endpoints = endpoints;
        this.changes = changes;
        this.tests = tests;
    }

    @POST
    @Operation(summary = "Register a webhook (seed 002)", description = "The answer carries the whsec_ secret; it is never shown again.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateEndpointRequest.class),
            examples = @ExampleObject(name = "seed 002", value = "{\"url\":\"https://your-domain.com/webhooks/v2k\","
                    + "\"events\":[\"trade.completed\",\"alert.triggered\"],\"description\":\"My webhook\"}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = V2kWebhook.class)))
    public Uni<Response> create(JsonNode body, @Context ContainerRequestContext context) throws JsonProcessingException {
        return changes.create(Caller.of(context), body, DeliveryProfile.SEED002)
                .map(view -> Response.status(Response.Status.CREATED).entity(V2kWebhook.of(view)).build());
    }

    @GET
    @Operation(summary = "List webhooks (seed 002)", description = "Oldest first; pass nextCursor as starting_after for the next page.")
    public Uni<Page<V2kWebhook>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                      @QueryParam("starting_after") String startingAfter, @Context ContainerRequestContext context) {
        return endpoints.list(Caller.of(context), null, null, null, startingAfter, limit)
                .map(page -> new Page<>(page.data().stream().map(V2kWebhook::of).toList(), page.hasMore(), page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a webhook (seed 002)")
    public Uni<V2kWebhook> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id).map(e -> V2kWebhook.of(endpoints.view(e, null)));
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Update a webhook (seed 002)", description = "Fields present replace the stored value: events, isActive, url, description, and the canonical fields.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "seed 002",
            value = "{\"events\":[\"trade.completed\",\"alert.triggered\",\"royalty.claimed\"],\"isActive\":true}")))
    public Uni<V2kWebhook> update(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext context) {
        return changes.patch(Caller.of(context), id, body).map(V2kWebhook::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a webhook (seed 002)")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<Response> delete(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.delete(Caller.of(context), id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send seed 002's test event", description = "No body. The answer carries the attempt, as /api/v1/webhooks/{id}/test.")
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TestSendResult.class)))
    public Uni<Response> test(@PathParam("id") String id, @Context ContainerRequestContext context) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("test", true).put("message", "This is a test webhook");
        return tests.send(Caller.of(context), id, new TestSendRequest("test", data))
                .map(result -> Response.status("PENDING".equals(result.status()) ? 202 : 200).entity(result).build());
    }
}
