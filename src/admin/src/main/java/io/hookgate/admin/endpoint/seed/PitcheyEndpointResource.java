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
import io.hookgate.admin.endpoint.EndpointAnalytics;
import io.hookgate.admin.endpoint.EndpointChanges;
import io.hookgate.admin.endpoint.EndpointService;
import io.hookgate.admin.endpoint.TestSendRequest;
import io.hookgate.admin.endpoint.TestSendService;
import io.hookgate.endpoint.DeliveryProfile;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/**
 * Seed 004's endpoints, {@code /api/webhooks/endpoints}: create, list, partial update by {@code PUT}, test and
 * analytics with {@code period}, {@code start_date} and {@code end_date}, in seed 004's snake_case, backed by the same
 * services and keys as {@code /api/v1/webhooks}.
 */
@Path("/api/webhooks/endpoints")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Seed 004: webhook endpoints", description = "Pitchey's /api/webhooks/endpoints; canonical: /api/v1/webhooks")
public class PitcheyEndpointResource {

    private final EndpointService endpoints;
    private final EndpointChanges changes;
    private final TestSendService tests;
    private final EndpointAnalytics analytics;

    public PitcheyEndpointResource(EndpointService endpoints, EndpointChanges changes, TestSendService tests, EndpointAnalytics analytics) {
        this.endpoints = endpoints;
        this.changes = changes;
        this.tests = tests;
        this.analytics = analytics;
    }

    @POST
    @Operation(summary = "Create an endpoint (seed 004)", description = "event_types, timeout in seconds (1-30), retry_policy "
            + "{max_attempts, backoff_type, base_delay (ms)}, headers, is_active. The secret is in this answer only.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateEndpointRequest.class),
            examples = @ExampleObject(name = "seed 004", value = "{\"name\":\"My Webhook\",\"url\":\"https://myapp.com/webhooks\","
                    + "\"event_types\":[\"user.created\",\"pitch.created\"],\"timeout\":30,"
                    + "\"retry_policy\":{\"max_attempts\":3,\"backoff_type\":\"exponential\",\"base_delay\":1000},"
                    + "\"headers\":{\"X-Custom-Header\":\"value\"}}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PitcheyEndpoint.class)))
    public Uni<Response> create(JsonNode body, @Context ContainerRequestContext context) throws JsonProcessingException {
        return changes.create(Caller.of(context), body, DeliveryProfile.SEED004)
                .map(view -> Response.status(Response.Status.CREATED).entity(PitcheyEndpoint.of(view)).build());
    }

    @GET
    @Operation(summary = "List endpoints (seed 004)", description = "Oldest first; pass nextCursor as starting_after for the next page.")
    public Uni<Page<PitcheyEndpoint>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                           @QueryParam("starting_after") String startingAfter, @Context ContainerRequestContext context) {
        return endpoints.list(Caller.of(context), null, null, null, startingAfter, limit)
                .map(page -> new Page<>(page.data().stream().map(PitcheyEndpoint::of).toList(), page.hasMore(), page.nextCursor()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an endpoint (seed 004)")
    public Uni<PitcheyEndpoint> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id).map(e -> PitcheyEndpoint.of(endpoints.view(e, null)));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Update an endpoint (seed 004)", description = "A partial update, as seed 004 uses it: fields present replace "
            + "the stored value, null returns one to its default, the rest stay.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "seed 004",
            value = "{\"name\":\"Updated Webhook Name\",\"is_active\":true}")))
    public Uni<PitcheyEndpoint> update(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext context) {
        return changes.patch(Caller.of(context), id, body).map(PitcheyEndpoint::of);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an endpoint (seed 004)")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<Response> delete(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.delete(Caller.of(context), id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Test an endpoint (seed 004)", description = "Body {test_payload} (or {event, data}); the answer carries the attempt.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "seed 004",
            value = "{\"test_payload\":{\"message\":\"Test webhook delivery\"}}")))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TestSendResult.class)))
    public Uni<Response> test(@PathParam("id") String id, @Valid TestSendRequest request, @Context ContainerRequestContext context) {
        return tests.send(Caller.of(context), id, request)
                .map(result -> Response.status("PENDING".equals(result.status()) ? 202 : 200).entity(result).build());
    }

    @GET
    @Path("/{id}/analytics")
    @Operation(summary = "An endpoint's analytics (seed 004)", description = "period=hour or day; start_date and end_date are dates "
            + "(the end day included) or ISO-8601 times; by default the last 24 hours or 30 days.")
    public Uni<Map<String, Object>> analytics(@PathParam("id") String id,
                                              @QueryParam("period") @DefaultValue("day") @Pattern(regexp = "hour|day", message = "must be hour or day") String period,
                                              @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
                                              @Context ContainerRequestContext context) {
        return analytics.of(Caller.of(context), id, period, new EndpointAnalytics.Window(null, null, startDate, endDate));
    }
}
