package io.hookgate.admin.stats;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.TimeRange;
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
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/stats/events}: seed 003's delivery statistics per event type, for the caller's organisation. */
@Path("/api/v1/stats/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Statistics")
public class StatsResource {

    private final StatsService stats;

    public StatsResource(StatsService stats) {
        this.stats = stats;
    }

    @GET
    @Operation(summary = "Deliveries per event type", description = "Over [since, until), default the last 24 hours, at most 92 days. "
            + "Admins see every organisation unless they pass orgId; a tenant key sees its own.")
    public Uni<Map<String, Object>> byEventType(@QueryParam("since") String since, @QueryParam("until") String until,
                                                @QueryParam("orgId") String orgId, @Context ContainerRequestContext context) {
        Caller caller = Caller.of(context);
        TimeRange range = TimeRange.parse("since", since, "until", until, Duration.ofDays(1), Duration.ofDays(92));
        String tenant = caller.admin() ? orgId : caller.tenantId();
        return stats.byEventType(tenant, range.since(), range.until()).map(events -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("since", range.since());
            answer.put("until", range.until());
            answer.put("events", events);
            return answer;
        });
    }
}
