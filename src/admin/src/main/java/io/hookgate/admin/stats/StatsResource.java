package io.hookgate.admin.stats;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.TimeRange;
import io.hookgate.admin.endpoint.EndpointService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/stats/events}: seed 003's delivery statistics per event type, for the caller's organisation;
 * {@code GET /api/v1/stats/endpoints}: the statistics of up to 100 endpoints at once (an endpoint list's figures).
 */
@Path("/api/v1/stats")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
public class StatsResource {

    private final StatsService stats;
    private final EndpointService endpoints;

    public StatsResource(StatsService stats, EndpointService endpoints) {
        this.stats = stats;
        this.endpoints = endpoints;
    }

    @GET
    @Path("/endpoints")
    @Operation(summary = "The statistics of some endpoints at once",
            description = "ids: 1 to 100 endpoint ids, comma separated; each as GET /api/v1/webhooks/{id}/stats answers it, in the order "
                    + "asked, over [since, until) (default the last 30 days, at most 366). 404 for an id the caller cannot see.")
    public Uni<Map<String, Object>> forEndpoints(@QueryParam("ids") String ids, @QueryParam("since") String since,
                                                 @QueryParam("until") String until, @Context ContainerRequestContext context) {
        List<String> asked = ids == null ? List.of() : Arrays.stream(ids.split(",")).map(String::trim).filter(id -> !id.isEmpty()).distinct().toList();
        if (asked.isEmpty() || asked.size() > 100) {
            throw ApiException.invalid("ids", "names 1 to 100 endpoint ids, comma separated");
        }
        TimeRange range = TimeRange.parse("since", since, "until", until, Duration.ofDays(30), Duration.ofDays(366));
        return endpoints.visible(Caller.of(context), asked)
                .chain(found -> stats.forEndpoints(found, range.since(), range.until()))
                .map(list -> over(range, "data", list));
    }

    @GET
    @Path("/events")
    @Operation(summary = "Deliveries per event type", description = "Over [since, until), default the last 24 hours, at most 92 days. "
            + "Admins see every organisation unless they pass orgId; a tenant key sees its own (another orgId is 422).")
    public Uni<Map<String, Object>> byEventType(@QueryParam("since") String since, @QueryParam("until") String until,
                                                @QueryParam("orgId") String orgId, @Context ContainerRequestContext context) {
        String tenant = Caller.of(context).listedTenant(orgId);
        TimeRange range = TimeRange.parse("since", since, "until", until, Duration.ofDays(1), Duration.ofDays(92));
        return stats.byEventType(tenant, range.since(), range.until()).map(events -> over(range, "events", events));
    }

    /** An answer of figures over a window: {since, until, name: figures}. */
    private static Map<String, Object> over(TimeRange range, String name, Object figures) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("since", range.since());
        answer.put("until", range.until());
        answer.put(name, figures);
        return answer;
    }
}
