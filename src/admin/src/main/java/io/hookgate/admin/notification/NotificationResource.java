package io.hookgate.admin.notification;

import io.hookgate.admin.common.Problem;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.hookgate.admin.auth.Caller;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed 000's admin-only send routes. Each answers 202 once the message is stored and queued; {@code messageIds} are
 * the delivery ids, whose attempts {@code GET /api/v1/webhooks/{id}/deliveries} shows.
 */
@Path("/api/webhook")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public class NotificationResource {

    private final NotificationService notifications;

    public NotificationResource(NotificationService notifications) {
        this.notifications = notifications;
    }

    @POST
    @Path("/discord/send")
    @Operation(summary = "Send an event to named Discord channels", description = "Each name is a discord endpoint of the organisation.")
    @APIResponse(responseCode = "202", description = "A JSON object", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> discord(@Valid @NotNull SendRequests.Discord request, @Context ContainerRequestContext context) {
        String tenant = adminTenant(context, request.orgId());
        return notifications.discord(tenant, request).map(queued -> accepted(Map.of(
                "messagesSent", queued.deliveryIds().size(),
                "channels", queued.endpoints().stream().map(e -> e.name).toList(),
                "messageIds", queued.deliveryIds(),
                "eventId", queued.eventId())));
    }

    @POST
    @Path("/email/send")
    @Operation(summary = "Send an email with one of the six templates",
            description = "Templates: deposit_confirmed, withdrawal_approved, level_up, achievement_unlocked, security_alert, suspension_notice.")
    @APIResponse(responseCode = "202", description = "A JSON object", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> email(@Valid @NotNull SendRequests.Email request, @Context ContainerRequestContext context) {
        String tenant = adminTenant(context, request.orgId());
        return notifications.email(tenant, request).map(queued -> accepted(single(queued, Map.of("to", request.to(), "template", request.template()))));
    }

    @POST
    @Path("/telegram/send")
    @Operation(summary = "Send a Telegram message through the organisation's bot")
    @APIResponse(responseCode = "202", description = "A JSON object", content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<Response> telegram(@Valid @NotNull SendRequests.Telegram request, @Context ContainerRequestContext context) {
        String tenant = adminTenant(context, request.orgId());
        return notifications.telegram(tenant, request).map(queued -> accepted(single(queued, Map.of("chatId", request.chatId()))));
    }

    private static String adminTenant(ContainerRequestContext context, String orgId) {
        return Caller.of(context).requireAdmin("may send notifications").owningTenant(orgId);
    }

    private static Map<String, Object> single(NotificationService.Queued queued, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>(extra);
        data.put("messageId", queued.deliveryIds().getFirst());
        data.put("endpointId", queued.endpoints().getFirst().id);
        data.put("eventId", queued.eventId());
        return data;
    }

    private static Response accepted(Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("success", true);
        envelope.put("data", data);
        return Response.accepted(envelope).build();
    }
}
