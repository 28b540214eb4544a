package io.hookgate.admin.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.EventPayloads;
import io.hookgate.admin.common.Problem;
import io.hookgate.catalogue.EventType;
import io.hookgate.delivery.DeliveryPlanner;
import io.hookgate.endpoint.Channel;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.event.Event;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Sends a message through an organisation's channel endpoints: the event is stored with those endpoints as its only
 * targets, with its outbox row and deliveries, in one transaction; it is published after the commit. From there it
 * shares everything with other deliveries: the queue, retries, circuit breaker, attempt log and dead letters.
 */
@ApplicationScoped
public class NotificationService {

    static final String SOURCE = "admin";

    /** What was queued: the event and one delivery per endpoint it goes through. */
    public record Queued(String eventId, List<Endpoint> endpoints, List<String> deliveryIds, Announcement announcement) {
    }

    private final EventPayloads payloads;
    private final DeliveryPlanner planner;
    private final EventJournal journal;
    private final ObjectMapper json;

    public NotificationService(EventPayloads payloads, DeliveryPlanner planner, EventJournal journal, ObjectMapper json) {
        this.payloads = payloads;
        this.planner = planner;
        this.journal = journal;
        this.json = json;
    }

    public Uni<Queued> discord(String tenantId, SendRequests.Discord request) {
        EventType type = validated(request.type(), request.data(), "data");
        return send(tenantId, type, request.data(), () -> findNamed(tenantId, request.channels()));
    }

    public Uni<Queued> email(String tenantId, SendRequests.Email request) {
        ObjectNode payload = json.createObjectNode().put("template", request.template()).put("to", request.to());
        payload.set("data", request.data() == null ? json.createObjectNode() : request.data());
        EventType type = validated("notification.email", payload, "");
        return send(tenantId, type, payload, () -> findOne(tenantId, Channel.EMAIL, request.endpointId()).map(List::of));
    }

    public Uni<Queued> telegram(String tenantId, SendRequests.Telegram request) {
        ObjectNode payload = json.createObjectNode();
        payload.set("chatId", request.chatId());
        payload.put("message", request.message());
        if (request.parseMode() != null) {
            payload.put("parseMode", request.parseMode());
        }
        payload.put("disableNotification", Boolean.TRUE.equals(request.disableNotification()));
        EventType type = validated("notification.telegram", payload, "");
        return send(tenantId, type, payload, () -> findOne(tenantId, Channel.TELEGRAM, request.endpointId()).map(List::of));
    }

    private Uni<Queued> send(String tenantId, EventType type, JsonNode payload, Supplier<Uni<List<Endpoint>>> targets) {
        return store(tenantId, type, payload, targets).call(queued -> journal.announce(queued.announcement()));
    }

    @WithTransaction
    Uni<Queued> store(String tenantId, EventType type, JsonNode payload, Supplier<Uni<List<Endpoint>>> targets) {
        return targets.get().chain(endpoints -> Panache.getSession().chain(session -> journal.append(session,
                        NewEvent.toEndpoints(tenantId, type.name(), SOURCE, payload.toString(), endpoints.stream().map(e -> e.id).toList()))
                .chain(appended -> session.find(Event.class, appended.id())
                        .chain(planner::plan)
                        .chain(() -> session.<Object[]>createNativeQuery("select endpoint_id, id from delivery where event_id = :event")
                                .setParameter("event", appended.id()).getResultList())
                        .map(rows -> new Queued(appended.id(), endpoints, endpoints.stream()
                                .map(e -> rows.stream().filter(r -> e.id.equals(r[0])).map(r -> (String) r[1]).findFirst().orElseThrow())
                                .toList(), Announcement.of(appended))))));
    }

    /** The organisation's enabled endpoints of a channel with these names, or a 422 naming each one that is missing. */
    private Uni<List<Endpoint>> findNamed(String tenantId, List<String> names) {
        return Endpoint.<Endpoint>list("tenantId = ?1 and channel = ?2 and active = true and deletedAt is null and name in ?3",
                tenantId, Channel.DISCORD.wireName(), names).map(found -> {
                    List<Endpoint> ordered = new ArrayList<>();
                    List<Problem.FieldError> missing = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) {
                        String name = names.get(i);
                        found.stream().filter(e -> e.name.equals(name)).findFirst().ifPresentOrElse(e -> {
                            if (!ordered.contains(e)) {
                                ordered.add(e);
                            }
                        }, () -> missing.add(new Problem.FieldError("channels[" + names.indexOf(name) + "]",
                                "no enabled discord endpoint named '" + name + "'; register one with channel discord and this name")));
                    }
                    if (!missing.isEmpty()) {
                        throw new ApiException(422, "validation_failed", "The request has invalid fields", missing);
                    }
                    return ordered;
                });
    }

    /** The named endpoint of a channel, or else the organisation's oldest enabled one. */
    private Uni<Endpoint> findOne(String tenantId, Channel channel, String endpointId) {
        Uni<Endpoint> found = endpointId != null
                ? Endpoint.<Endpoint>find("id = ?1 and tenantId = ?2 and channel = ?3 and active = true and deletedAt is null",
                        endpointId, tenantId, channel.wireName()).firstResult()
                : Endpoint.<Endpoint>find("tenantId = ?1 and channel = ?2 and active = true and deletedAt is null order by createdAt, id",
                        tenantId, channel.wireName()).firstResult();
        return found.onItem().ifNull().failWith(() -> endpointId != null
                ? ApiException.invalid("endpointId", "no enabled " + channel.wireName() + " endpoint " + endpointId)
                : new ApiException(409, "channel_not_configured", "The organisation has no enabled " + channel.wireName()
                        + " endpoint; register one with POST /api/v1/webhooks and \"channel\": \"" + channel.wireName() + "\""));
    }

    private EventType validated(String typeName, JsonNode payload, String root) {
        return payloads.validated(typeName, payload, "type", root);
    }
}
