package io.hookgate.admin.endpoint;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.core.input.KnownFieldsOnly;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.delivery.DeliveryResource;
import io.hookgate.admin.deadletter.RequeueService;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.delivery.DeliveryQueryService;
import io.hookgate.admin.delivery.DeliveryView;
import io.hookgate.admin.common.TimeRange;
import io.hookgate.delivery.DeliveryRepository;
import io.hookgate.delivery.DeliveryStatus;
import io.hookgate.admin.stats.EndpointStats;
import io.hookgate.admin.stats.StatsService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Map;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
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

import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /api/v1/webhooks}: register endpoints and read what was delivered to them (seed 003). */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Webhooks")
public class EndpointResource {

    private final EndpointService endpoints;
    private final DeliveryQueryService deliveries;
    private final RequeueService requeue;
    private final TestSendService tests;
    private final StatsService stats;

    private final EndpointChanges changes;
    private final EndpointAnalytics analytics;

    public EndpointResource(EndpointService endpoints, DeliveryQueryService deliveries, RequeueService requeue, TestSendService tests,
                            StatsService stats, EndpointChanges changes, EndpointAnalytics analytics) {
        this.analytics = analytics;
        this.changes = changes;
        this.stats = stats;
        this.tests = tests;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.requeue = requeue;
    }

    @POST
    @Operation(summary = "Register an endpoint", description = "The answer carries the signing secret; it is never shown again.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateEndpointRequest.class), examples = @ExampleObject(name = "seed 003", value = "{\"url\":\"https://example.com/webhook\",\"events\":[\"user.created\",\"subscription.created\"],\"description\":\"My webhook\",\"active\":true,\"timeoutMs\":10000,\"headers\":{\"X-Team\":\"growth\"},\"retryPolicy\":{\"maxAttempts\":5,\"backoff\":\"exponential\",\"baseDelayMs\":60000,\"multiplier\":2.0,\"maxDelayMs\":7200000},\"filters\":{\"userLevel\":{\"min\":5}}}")))
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EndpointView.class)))
    public Uni<Response> create(JsonNode body, @Context ContainerRequestContext context) throws JsonProcessingException {
        return changes.create(Caller.of(context), body)
                .map(created -> Response.status(Response.Status.CREATED).entity(created).build());
    }

    @GET
    @Operation(summary = "List endpoints", description = "Oldest first; pass nextCursor as starting_after for the next page. "
            + "Filters: active (true/false), event (endpoints whose subscriptions cover this type), url (contains, case-insensitive).")
    public Uni<Page<EndpointView>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                        @QueryParam("starting_after") String startingAfter,
                                        @QueryParam("active") @jakarta.validation.constraints.Pattern(regexp = "true|false", message = "must be true or false") String active,
                                        @QueryParam("event") @jakarta.validation.constraints.Size(max = 200) String event,
                                        @QueryParam("url") @jakarta.validation.constraints.Size(max = 2048) String url,
                                        @Context ContainerRequestContext context) {
        return endpoints.list(Caller.of(context), active == null ? null : Boolean.valueOf(active), event, url, startingAfter, limit);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get an endpoint")
    public Uni<EndpointView> get(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id).map(e -> endpoints.view(e, null));
    }

    @PUT
    @Path("/{id}")
    @Operation(summary = "Replace an endpoint's settings", description = "Like a creation: fields left out take their defaults. The id, secret and history stay; a Telegram bot token left out is kept.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateEndpointRequest.class)))
    public Uni<EndpointView> replace(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext context)
            throws JsonProcessingException {
        return changes.replace(Caller.of(context), id, body);
    }

    @PATCH
    @Path("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
    @Operation(summary = "Change some of an endpoint's settings", description = "A JSON merge patch: fields present replace the stored value (headers and filters as a whole), null returns a field to its default.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "change events and timeout", value = "{\"events\":[\"user.*\"],\"timeoutMs\":5000,\"description\":null}")))
    public Uni<EndpointView> patch(@PathParam("id") String id, JsonNode body, @Context ContainerRequestContext context) {
        return changes.patch(Caller.of(context), id, body);
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete an endpoint", description = "It receives nothing more and disappears from the API; its deliveries are kept for history.")
    @APIResponse(responseCode = "204", description = "Done; no body")
    public Uni<Response> delete(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.delete(Caller.of(context), id).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/{id}/test")
    @Operation(summary = "Send a test event and see the attempt",
            description = "Optional body {event, data}: event defaults to test.event, data to a test message or the type's catalogue example. "
                    + "Sent even to a disabled endpoint or an open circuit, attempted once, without effect on the endpoint's health. "
                    + "200 with the attempt; 202 with status PENDING if it did not happen within the endpoint's timeout plus 5 s.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "seed 004", value = "{\"event\":\"test.event\",\"data\":{\"message\":\"Test webhook delivery\"}}")))
    @APIResponse(responseCode = "200", description = "OK", content = @Content(mediaType = "application/json", schema = @Schema(implementation = TestSendResult.class)))
    public Uni<Response> test(@PathParam("id") String id, @Valid TestSendRequest request, @Context ContainerRequestContext context) {
        return tests.send(Caller.of(context), id, request)
                .map(result -> Response.status("PENDING".equals(result.status()) ? 202 : 200).entity(result).build());
    }

    @GET
    @Path("/{id}/stats")
    @Operation(summary = "An endpoint's delivery statistics and health score",
            description = "Over [since, until), ISO-8601, default the last 30 days, at most 366 days: totalSent, delivered, failed, pending, "
                    + "successRate, attempts, uptime, averageResponseTime, p95ResponseTime (ms), lastTriggered, healthScore (0-100) and health.")
    public Uni<EndpointStats> stats(@PathParam("id") String id, @QueryParam("since") String since, @QueryParam("until") String until,
                                    @Context ContainerRequestContext context) {
        TimeRange range = TimeRange.parse("since", since, "until", until, Duration.ofDays(30), Duration.ofDays(366));
        return endpoints.visible(Caller.of(context), id).chain(endpoint -> stats.forEndpoint(endpoint, range.since(), range.until()));
    }

    @GET
    @Path("/{id}/analytics")
    @Operation(summary = "An endpoint's deliveries and attempts in hourly or daily buckets (UTC)",
            description = "period=hour (default window: the last 24 hours) or day (the last 30 days); start and end are ISO-8601 times or dates "
                    + "(a date alone: its whole UTC day, the end day included); start_date and end_date (seed 004) are the same; at most 1000 buckets.")
    public Uni<Map<String, Object>> analytics(@PathParam("id") String id,
                                              @QueryParam("period") @DefaultValue("day") @jakarta.validation.constraints.Pattern(regexp = "hour|day", message = "must be hour or day") String period,
                                              @QueryParam("start") String start, @QueryParam("end") String end,
                                              @QueryParam("start_date") String startDate, @QueryParam("end_date") String endDate,
                                              @Context ContainerRequestContext context) {
        return analytics.of(Caller.of(context), id, period, new EndpointAnalytics.Window(start, end, startDate, endDate));
    }

    @GET
    @Path("/{id}/deliveries")
    @Operation(summary = "List an endpoint's deliveries with their attempts",
            description = "Newest first; pass nextCursor as starting_after. Filters: status (PENDING, SUCCESS, FAILED, RETRY_EXHAUSTED), "
                    + "event (a type or alias), since and until (ISO-8601, on the delivery's creation).")
    public Uni<Page<DeliveryView>> deliveries(@PathParam("id") String id,
                                              @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                              @QueryParam("starting_after") String startingAfter,
                                              @QueryParam("status") @jakarta.validation.constraints.Pattern(regexp = "PENDING|SUCCESS|FAILED|RETRY_EXHAUSTED",
                                                      message = "must be PENDING, SUCCESS, FAILED or RETRY_EXHAUSTED") String status,
                                              @QueryParam("event") @jakarta.validation.constraints.Size(max = 200) String event,
                                              @QueryParam("since") String since, @QueryParam("until") String until,
                                              @Context ContainerRequestContext context) {
        var filter = deliveries.filter(null, null, status, event, since, until);
        return endpoints.visible(Caller.of(context), id).chain(endpoint -> deliveries.page(filter.forEndpoint(endpoint.id), startingAfter, limit));
    }

    @GET
    @Path("/{id}/dead-letters")
    @Operation(summary = "List an endpoint's dead letters (RETRY_EXHAUSTED deliveries) with their attempts")
    public Uni<Page<DeliveryView>> deadLetters(@PathParam("id") String id,
                                               @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                               @QueryParam("starting_after") String startingAfter,
                                               @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id)
                .chain(endpoint -> deliveries.page(DeliveryRepository.Filter.ofEndpoint(endpoint.id, DeliveryStatus.RETRY_EXHAUSTED),
                        startingAfter, limit));
    }

    @POST
    @Path("/{id}/dead-letters/retry")
    @Operation(summary = "Retry every dead letter of an endpoint", description = "At most 1000 per call; hasMore says whether to call again.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RequeueService.Requeued.class)))
    public Uni<Response> retryDeadLetters(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id).chain(endpoint -> requeue.retryEndpoint(endpoint.id, null))
                .map(DeliveryResource::accepted);
    }

    @POST
    @Path("/{id}/recover")
    @Operation(summary = "Retry the dead letters of an endpoint that failed since a time", description = "`since` is an ISO-8601 time.")
    @APIResponse(responseCode = "202", description = "Accepted", content = @Content(mediaType = "application/json", schema = @Schema(implementation = RequeueService.Requeued.class)))
    public Uni<Response> recover(@PathParam("id") String id, @QueryParam("since") String since, @Context ContainerRequestContext context) {
        OffsetDateTime from = parseSince(since);
        return endpoints.visible(Caller.of(context), id).chain(endpoint -> requeue.retryEndpoint(endpoint.id, from))
                .map(DeliveryResource::accepted);
    }

    private static OffsetDateTime parseSince(String since) {
        if (since == null || since.isBlank()) {
            throw ApiException.invalid("since", "is required, as an ISO-8601 time such as 2025-01-01T00:00:00Z");
        }
        return TimeRange.optional("since", since);
    }

    /** The body of a secret rotation; without it the old secret keeps signing for 24 hours. */
    @RegisterForReflection
    @KnownFieldsOnly
    public record RotateSecretRequest(@Min(0) @Max(604_800) Integer overlapSeconds) {
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Operation(summary = "Rotate the signing secret", description = "Both secrets sign until the overlap ends (default 24 h, at most 7 days). The new secret is shown once.")
    public Uni<EndpointView> rotateSecret(@PathParam("id") String id, @Valid RotateSecretRequest request, @Context ContainerRequestContext context) {
        int overlap = request == null || request.overlapSeconds() == null ? 86_400 : request.overlapSeconds();
        return endpoints.rotateSecret(Caller.of(context), id, java.time.Duration.ofSeconds(overlap));
    }

    @POST
    @Path("/{id}/enable")
    @Operation(summary = "Enable an endpoint", description = "Also closes its circuit and clears its failure counters, e.g. after an auto-disable.")
    public Uni<EndpointView> enable(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return changes.setActive(Caller.of(context), id, true);
    }

    @POST
    @Path("/{id}/disable")
    @Operation(summary = "Disable an endpoint", description = "It gets no new deliveries until enabled.")
    public Uni<EndpointView> disable(@PathParam("id") String id, @Context ContainerRequestContext context) {
        return changes.setActive(Caller.of(context), id, false);
    }
}
