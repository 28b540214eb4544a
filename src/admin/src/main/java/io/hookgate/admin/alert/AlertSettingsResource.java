package io.hookgate.admin.alert;

import io.hookgate.admin.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/v1/alert-settings}: the thresholds below which an organisation's endpoints are announced degraded. A
 * tenant key reads and sets its own organisation's; an admin key names one with {@code orgId}.
 */
@Path("/api/v1/alert-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Operational alerts")
public class AlertSettingsResource {

    private final AlertSettingsService settings;

    public AlertSettingsResource(AlertSettingsService settings) {
        this.settings = settings;
    }

    @GET
    @Operation(summary = "Get the organisation's degradation thresholds",
            description = "The thresholds in force (the organisation's, else the defaults), the defaults, and the window they are measured over.")
    public Uni<AlertSettings.View> get(@QueryParam("orgId") String orgId, @Context ContainerRequestContext context) {
        return settings.get(Caller.of(context).settingsTenant(orgId));
    }

    @PUT
    @Operation(summary = "Set the organisation's degradation thresholds",
            description = "minSuccessRate (0-1, of attempts), maxP95ResponseTime (ms), minAttempts (fewer say nothing): every field is "
                    + "replaced; a field left out returns to its default. The next health check applies them.")
    public Uni<AlertSettings.View> put(@QueryParam("orgId") String orgId, @Valid @NotNull AlertSettings.Request request,
                                       @Context ContainerRequestContext context) {
        return settings.put(Caller.of(context).settingsTenant(orgId), request);
    }
}
