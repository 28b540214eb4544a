package io.hookgate.admin.security;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** {@code GET /api/v1/security-events}: the inbound gateway's security audit log, newest first. Admin keys only. */
@Path("/api/v1/security-events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbound sources")
public class SecurityEventResource {

    private static final Set<String> KINDS = Set.of("signature_failed", "stale_timestamp", "rate_limited", "ip_blocked", "unknown_source",
            "address_blocked");
    private final SecurityEventService events;

    public SecurityEventResource(SecurityEventService events) {
        this.events = events;
    }

    @GET
    @Operation(summary = "Read the security audit log",
            description = "Filters: source, kind, since/until (ISO-8601). Newest first; pass nextCursor as starting_after.")
    public Uni<Page<SecurityEventView>> list(@QueryParam("source") String source, @QueryParam("kind") String kind,
                                             @QueryParam("since") String since, @QueryParam("until") String until,
                                             @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                             @QueryParam("starting_after") String startingAfter,
                                             @Context ContainerRequestContext context) {
        Caller.of(context).requireAdmin("may read the security audit log");
        if (kind != null && !KINDS.contains(kind)) {
            throw ApiException.invalid("kind", "must be one of " + String.join(", ", KINDS.stream().sorted().toList()));
        }
        OffsetDateTime from = time("since", since);
        OffsetDateTime to = time("until", until);
        long before = cursor(startingAfter);
        return events.list(source, kind, from, to, before, limit);
    }

    private static long cursor(String startingAfter) {
        if (startingAfter == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(startingAfter.startsWith(SecurityEventService.PREFIX) ? startingAfter.substring(SecurityEventService.PREFIX.length()) : startingAfter);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("starting_after", "must be a security event id such as sec_42");
        }
    }

    private static OffsetDateTime time(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 time with an offset, such as 2025-01-01T00:00:00Z");
        }
    }
}
