package io.hookgate.admin.audit;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.TimeRange;
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

/**
 * {@code GET /api/v1/audit-log}: the admin actions of the caller's organisation (an admin key: of every organisation,
 * or of {@code orgId}), newest first.
 */
@Path("/api/v1/audit-log")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit log")
public class AdminAuditResource {

    private final AdminAuditService audit;

    public AdminAuditResource(AdminAuditService audit) {
        this.audit = audit;
    }

    @GET
    @Operation(summary = "Read the audit log of admin actions",
            description = "Every change made through the admin API: who (keyId, orgId), what (method, route, objectId, changes with secrets "
                    + "redacted), status, when, from where. Filters: orgId (admin keys), keyId, route (as listed, e.g. /api/v1/webhooks/{id}), "
                    + "objectId, since/until (ISO-8601). Newest first; pass nextCursor as starting_after.")
    public Uni<Page<AdminAuditView>> list(@QueryParam("orgId") String orgId, @QueryParam("keyId") String keyId,
                                          @QueryParam("route") String route, @QueryParam("objectId") String objectId,
                                          @QueryParam("since") String since, @QueryParam("until") String until,
                                          @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                                          @QueryParam("starting_after") String startingAfter,
                                          @Context ContainerRequestContext context) {
        return audit.list(new AdminAuditService.Filter(Caller.of(context).listedTenant(orgId), keyId, route, objectId, TimeRange.optional("since", since),
                TimeRange.optionalEnd("until", until)), cursor(startingAfter), limit);
    }

    private static long cursor(String startingAfter) {
        if (startingAfter == null) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(startingAfter.startsWith(AdminAuditService.PREFIX)
                    ? startingAfter.substring(AdminAuditService.PREFIX.length()) : startingAfter);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("starting_after", "must be an audit entry id such as aud_42");
        }
    }
}
