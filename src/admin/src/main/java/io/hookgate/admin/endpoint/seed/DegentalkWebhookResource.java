package io.hookgate.admin.endpoint.seed;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.delivery.DeliveryQueryService;
import io.hookgate.admin.endpoint.CreateEndpointRequest;
import io.hookgate.admin.endpoint.EndpointChanges;
import io.hookgate.admin.endpoint.EndpointService;
import io.hookgate.admin.endpoint.EndpointView;
import io.hookgate.admin.endpoint.TestSendRequest;
import io.hookgate.admin.endpoint.TestSendService;
import io.hookgate.admin.stats.EndpointSummary;
import io.hookgate.admin.stats.StatsService;
import io.hookgate.delivery.DeliveryRepository;
import io.hookgate.endpoint.DeliveryProfile;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Seed 000's admin webhooks, {@code /api/admin/webhooks}: the same endpoints, services, keys and organisation scoping
 * as {@code /api/v1/webhooks}, in seed 000's shapes ({@code {"success": true, "data": …}}, its event names,
 * {@code retryConfig}, {@code statistics} and {@code lastTriggered}). Errors are the API's problem documents.
 */
@Path("/api/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Seed 000: admin webhooks", description = "Degentalk's /api/admin/webhooks; canonical: /api/v1/webhooks")
public class DegentalkWebhookResource {

    private static final Duration STATISTICS_WINDOW = Duration.ofDays(30);

    private final EndpointService endpoints;
    private final EndpointChanges changes;
    private final StatsService stats;
    private final DeliveryQueryService deliveries;
    private final TestSendService tests;
    private final SeedNames names;

    public DegentalkWebhookResource(EndpointService endpoints, EndpointChanges changes, StatsService stats,
                                    DeliveryQueryService deliveries, TestSendService tests, SeedNames names) {
        this.endpoints = endpoints;
        this.changes = changes;
        this.stats = stats;
        this.deliveries = deliveries;
        this.tests = tests;
        this.names = names;
    }

    /** The list's page: seed 000's {@code webhooks}, and the cursor to the next page. */
    @RegisterForReflection
    public record WebhookPage(List<DegentalkWebhook> webhooks, boolean hasMore, String nextCursor) {
    }

    /** A page of seed 000's delivery log. */
    @RegisterForReflection
    public record DeliveryPage(List<DegentalkDelivery> deliveries, boolean hasMore, String nextCursor) {
    }

    @POST
    @Operation(summary = "Configure a webhook endpoint (seed 000)",
            description = "Seed 000's body: secret (your own, at least 16 characters; generated if left out), retryConfig "
                    + "{maxRetries, retryDelay, backoffMultiplier, maxDelay}, filters. The secret is in this answer only.")
    @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateEndpointRequest.class),
            examples = @ExampleObject(name = "seed 000", value = "{\"name\":\"User Activity Webhook\",\"url\":\"https://external-service.com/webhook\","
                    + "\"events\":[\"user_registered\",\"thread_created\",\"level_up\"],\"secret\":\"webhook_secret_key\",\"active\":true,"
                    + "\"retryConfig\":{\"maxRetries\":3,\"retryDelay\":5000,\"backoffMultiplier\":2},"
                    + "\"filters\":{\"userLevel\":{\"min\":5},\"forums\":[\"bitcoin-discussion\",\"altcoin-discussion\"]}}")))
    @APIResponse(responseCode = "201", description = "A JSON object", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> create(JsonNode body, @Context ContainerRequestContext context) throws JsonProcessingException {
        return changes.create(Caller.of(context), body, DeliveryProfile.SEED000)
                .map(view -> Response.status(Response.Status.CREATED).entity(Wrapped.of(shown(view, null))).build());
    }

    @GET
    @Operation(summary = "List configured webhooks (seed 000)",
            description = "Oldest first, with statistics over the last 30 days; pass nextCursor as starting_after for the next page.")
    public Uni<Wrapped<WebhookPage>> list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                          @QueryParam("starting_after") String startingAfter,
                                          @Context ContainerRequestContext context) {
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC);
        return endpoints.list(Caller.of(context), null, null, null, startingAfter, limit)
                .chain(page -> stats.summaries(page.data().stream().map(EndpointView::id).toList(), until.minus(STATISTICS_WINDOW), until)
                        .map(figures -> Wrapped.of(new WebhookPage(page.data().stream().map(v -> shown(v, figures.get(v.id()))).toList(),
                                page.hasMore(), page.nextCursor()))));
    }

    @GET
    @Path("/{webhookId}")
    @Operation(summary = "Get a configured webhook (seed 000)")
    public Uni<Wrapped<DegentalkWebhook>> get(@PathParam("webhookId") String id, @Context ContainerRequestContext context) {
        OffsetDateTime until = OffsetDateTime.now(ZoneOffset.UTC);
        return endpoints.visible(Caller.of(context), id).map(e -> endpoints.view(e, null))
                .chain(view -> stats.summaries(List.of(view.id()), until.minus(STATISTICS_WINDOW), until)
                        .map(figures -> Wrapped.of(shown(view, figures.get(view.id())))));
    }

    @DELETE
    @Path("/{webhookId}")
    @Operation(summary = "Delete a configured webhook (seed 000)")
    public Uni<Wrapped<Map<String, Object>>> delete(@PathParam("webhookId") String id, @Context ContainerRequestContext context) {
        return endpoints.delete(Caller.of(context), id).map(ignored -> Wrapped.of(Map.of("deleted", true, "id", id)));
    }

    @GET
    @Path("/{webhookId}/deliveries")
    @Operation(summary = "A webhook's delivery log (seed 000)", description = "Newest first; pass nextCursor as starting_after.")
    public Uni<Wrapped<DeliveryPage>> deliveries(@PathParam("webhookId") String id,
                                                 @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                                 @QueryParam("starting_after") String startingAfter,
                                                 @Context ContainerRequestContext context) {
        return endpoints.visible(Caller.of(context), id)
                .chain(endpoint -> deliveries.page(DeliveryRepository.Filter.ofEndpoint(endpoint.id, null), startingAfter, limit))
                .map(page -> Wrapped.of(new DeliveryPage(page.data().stream().map(d -> DegentalkDelivery.of(d, names.seed000(d.event()))).toList(),
                        page.hasMore(), page.nextCursor())));
    }

    @POST
    @Path("/{webhookId}/test")
    @Operation(summary = "Send a test webhook (seed 000)", description = "Body {event, testData}; the answer carries the attempt.")
    @RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "seed 000",
            value = "{\"event\":\"test_event\",\"testData\":{\"message\":\"This is a test webhook delivery\"}}")))
    @APIResponse(responseCode = "200", description = "A JSON object", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> test(@PathParam("webhookId") String id, @Valid TestSendRequest request, @Context ContainerRequestContext context) {
        return tests.send(Caller.of(context), id, request)
                .map(result -> Response.status("PENDING".equals(result.status()) ? 202 : 200).entity(Wrapped.of(result)).build());
    }

    private DegentalkWebhook shown(EndpointView view, EndpointSummary summary) {
        return DegentalkWebhook.of(view, names.seed000(view.events()), summary);
    }
}
