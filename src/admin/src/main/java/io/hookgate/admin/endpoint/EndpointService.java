package io.hookgate.admin.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.admin.auth.AdminConfig;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Page;
import io.hookgate.admin.common.Problem;
import io.hookgate.admin.common.Tenants;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.core.Ids;
import io.hookgate.endpoint.Channel;
import io.hookgate.endpoint.DeliveryProfile;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.endpoint.EndpointRepository;
import io.hookgate.endpoint.PayloadFilter;
import io.hookgate.endpoint.RetryPolicy;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.hookgate.signing.SecretCipher;
import io.hookgate.endpoint.CustomHeaders;
import io.hookgate.signing.WebhookSecret;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Creates and reads endpoints within the caller's organisation. */
@ApplicationScoped
public class EndpointService {

    private final EndpointRepository endpoints;
    private final EndpointUrlPolicy policy;
    private final SecretCipher cipher;
    private final CustomHeaders customHeaders;
    private final AdminConfig config;
    private final ObjectMapper json;
    private final EventCatalogue catalogue;
    private final ChannelSettings channels;
    private final EndpointRequestReader reader;
    private final EventJournal journal;

    public EndpointService(EndpointRepository endpoints, EndpointUrlPolicy policy, SecretCipher cipher, AdminConfig config,
                           ObjectMapper json, EventCatalogue catalogue, ChannelSettings channels, EndpointRequestReader reader,
                           CustomHeaders customHeaders, EventJournal journal) {
        this.journal = journal;
        this.customHeaders = customHeaders;
        this.reader = reader;
        this.channels = channels;
        this.catalogue = catalogue;
        this.endpoints = endpoints;
        this.policy = policy;
        this.cipher = cipher;
        this.config = config;
        this.json = json;
    }

    @WithTransaction
    public Uni<EndpointView> create(Caller caller, CreateEndpointRequest request) {
        String tenantId = caller.owningTenant(request.orgId());
        Checked checked = check(request, false);
        WebhookSecret secret = request.secret() == null ? WebhookSecret.generate() : chosenSecret(request.secret());
        return Tenants.requireExists(tenantId).chain(() -> Endpoint.count("tenantId = ?1 and deletedAt is null", tenantId)).chain(count -> {
            if (count >= config.maxEndpointsPerTenant()) {
                throw new ApiException(422, "endpoint_limit_reached",
                        "The organisation already has " + count + " endpoints, the most allowed; delete one or ask for a higher limit");
            }
            Endpoint endpoint = new Endpoint();
            endpoint.id = Ids.next("ep");
            endpoint.tenantId = tenantId;
            endpoint.secretCiphertext = cipher.encrypt(secret.value());
            apply(endpoint, request, checked);
            endpoint.createdAt = endpoint.updatedAt;
            return endpoint.<Endpoint>persist().map(saved -> view(saved, secret.value()));
        });
    }

    /**
     * {@code PUT}: every setting replaced by the request's, defaults for what it leaves out, as on creation. The id,
     * organisation, secret and history stay; a Telegram bot token left out is kept.
     */
    @WithTransaction
    public Uni<Changed> replace(Caller caller, String id, CreateEndpointRequest request) {
        if (request.orgId() != null) {
            throw ApiException.invalid("orgId", "an endpoint cannot move to another organisation");
        }
        if (request.secret() != null) {
            throw ApiException.invalid("secret", SECRET_IS_ROTATED);
        }
        return visible(caller, id).chain(endpoint -> {
            boolean wasActive = endpoint.active;
            apply(endpoint, request, check(request, endpoint.channelTokenCiphertext != null));
            return changed(caller, endpoint, wasActive);
        });
    }

    /**
     * {@code PATCH}: a JSON merge patch (RFC 7386) over the endpoint's settings: a field present replaces the stored
     * value (objects such as headers and filters as a whole), {@code null} returns it to its default. The merged result
     * must pass every rule a creation passes.
     */
    @WithTransaction
    public Uni<Changed> patch(Caller caller, String id, ObjectNode patch) {
        List<Problem.FieldError> unknown = new java.util.ArrayList<>();
        List<Problem.FieldError> fixed = new java.util.ArrayList<>();
        patch.fieldNames().forEachRemaining(field -> {
            if (field.equals("secret")) {
                fixed.add(new Problem.FieldError(field, SECRET_IS_ROTATED));
            } else if (field.equals("orgId")) {
                fixed.add(new Problem.FieldError(field, "an endpoint cannot move to another organisation"));
            } else if (!PATCHABLE.contains(field)) {
                unknown.add(new Problem.FieldError(field, "unknown field; known fields: " + String.join(", ", new java.util.TreeSet<>(PATCHABLE))));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ApiException(422, "unknown_field", "The body has a field this operation does not know", unknown);
        }
        if (!fixed.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", fixed);
        }
        return visible(caller, id).chain(endpoint -> {
            boolean wasActive = endpoint.active;
            ObjectNode merged = settingsOf(endpoint);
            patch.fields().forEachRemaining(field -> {
                if (field.getValue().isNull()) {
                    merged.remove(field.getKey());
                } else {
                    merged.set(field.getKey(), field.getValue());
                }
            });
            CreateEndpointRequest request = reader.merged(merged);
            apply(endpoint, request, check(request, endpoint.channelTokenCiphertext != null));
            return changed(caller, endpoint, wasActive);
        });
    }

    /** Soft delete: the endpoint gets nothing more and disappears from the API; its deliveries stay for history. */
    @WithTransaction
    public Uni<Void> delete(Caller caller, String id) {
        return visible(caller, id).invoke(endpoint -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            endpoint.deletedAt = now;
            endpoint.active = false;
            endpoint.disabledReason = "deleted";
            endpoint.updatedAt = now;
        }).replaceWithVoid();
    }

    private static final String SECRET_IS_ROTATED = "is chosen at creation; POST /api/v1/webhooks/{id}/rotate-secret replaces it";

    private static WebhookSecret chosenSecret(String value) {
        try {
            return WebhookSecret.chosen(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("secret", e.getMessage());
        }
    }

    private static final java.util.Set<String> PATCHABLE = java.util.Set.of("name", "url", "description", "events", "active",
            "timeoutMs", "headers", "retryPolicy", "filters", "rateLimitPerMinute", "rateLimitBurst", "channel", "channelConfig", "profile");

    /** What a request stores, after every rule: the channel's URL and settings, the canonical subscriptions. */
    @RegisterForReflection
    private record Checked(ChannelSettings.Checked channel, String[] events) {
    }

    private Checked check(CreateEndpointRequest request, boolean tokenStored) {
        ChannelSettings.Checked channel = channels.check(request, tokenStored);
        policy.checkHeaders(request.headers());
        String[] events = subscriptions(request.events());
        List<Problem.FieldError> filterProblems = PayloadFilter.problems(request.filters()).stream()
                .map(p -> new Problem.FieldError(p.getKey(), p.getValue())).toList();
        if (!filterProblems.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", filterProblems);
        }
        return new Checked(channel, events);
    }

    private void apply(Endpoint endpoint, CreateEndpointRequest request, Checked checked) {
        String url = checked.channel().url();
        endpoint.name = request.name() == null || request.name().isBlank() ? url : request.name();
        endpoint.url = url;
        endpoint.description = request.description();
        endpoint.events = checked.events();
        boolean active = request.active() == null || request.active();
        if (active && !endpoint.active) {
            reopen(endpoint);
        }
        endpoint.active = active;
        endpoint.timeoutMs = request.timeoutMs() == null ? 10_000 : request.timeoutMs();
        String unset = customHeaders.store(endpoint, request.headers());
        if (unset != null) {
            throw ApiException.invalid("headers." + unset, "\"" + CustomHeaders.SET + "\" keeps a stored credential, and this endpoint has none under that name");
        }
        endpoint.retryPolicy = request.retryPolicy() == null ? null : write(request.retryPolicy());
        endpoint.rateLimitPerMinute = request.rateLimitPerMinute() == null ? 100 : request.rateLimitPerMinute();
        endpoint.rateLimitBurst = request.rateLimitBurst() == null ? 250 : request.rateLimitBurst();
        endpoint.filters = request.filters() == null || request.filters().isNull() ? "{}" : write(request.filters());
        endpoint.channel = checked.channel().channel().wireName();
        endpoint.profile = request.profile() == null ? DeliveryProfile.STANDARD.wireName() : request.profile();
        endpoint.channelConfig = write(checked.channel().config());
        if (checked.channel().token() != null) {
            endpoint.channelTokenCiphertext = cipher.encrypt(checked.channel().token());
        } else if (checked.channel().channel() != Channel.TELEGRAM) {
            endpoint.channelTokenCiphertext = null;
        }
        endpoint.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
    }

    /** The endpoint's current settings in the shape of a creation request (the bot token, unreadable, left out). */
    private ObjectNode settingsOf(Endpoint e) {
        ObjectNode node = json.createObjectNode();
        node.put("name", e.name);
        node.put("url", e.url);
        if (e.description != null) {
            node.put("description", e.description);
        }
        node.set("events", json.valueToTree(List.of(e.events)));
        node.put("active", e.active);
        node.put("timeoutMs", e.timeoutMs);
        node.set("headers", tree(e.headers));
        if (e.retryPolicy != null) {
            node.set("retryPolicy", tree(e.retryPolicy));
        }
        node.set("filters", tree(e.filters));
        node.put("rateLimitPerMinute", e.rateLimitPerMinute);
        node.put("rateLimitBurst", e.rateLimitBurst);
        node.put("channel", e.channel);
        node.put("profile", e.profile);
        if (Channel.TELEGRAM.wireName().equals(e.channel)) {
            node.set("channelConfig", tree(e.channelConfig));
        }
        return node;
    }

    /**
     * Replaces the signing secret. The old one keeps signing alongside the new one for {@code overlap}, so receivers
     * can switch without rejecting a single delivery; the new secret is in the answer, once.
     */
    @WithTransaction
    public Uni<EndpointView> rotateSecret(Caller caller, String id, java.time.Duration overlap) {
        return visible(caller, id).map(endpoint -> {
            WebhookSecret secret = WebhookSecret.generate();
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            endpoint.previousSecretCiphertext = endpoint.secretCiphertext;
            endpoint.previousSecretExpiresAt = now.plus(overlap);
            endpoint.secretCiphertext = cipher.encrypt(secret.value());
            endpoint.updatedAt = now;
            return view(endpoint, secret.value());
        });
    }

    /** Turns delivery on or off; enabling also closes the circuit and forgets past failures. */
    @WithTransaction
    public Uni<Changed> setActive(Caller caller, String id, boolean active) {
        return visible(caller, id).chain(endpoint -> {
            boolean wasActive = endpoint.active;
            endpoint.active = active;
            endpoint.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            if (active) {
                reopen(endpoint);
            }
            return changed(caller, endpoint, wasActive);
        });
    }

    /** An endpoint's new view, and the operational event its change announces after the commit, if any. */
    public record Changed(EndpointView view, Announcement announcement) {
    }

    /**
     * Announces a change of the endpoint's state to the organisation's endpoints, in the change's transaction:
     * {@code endpoint.enabled} when it was disabled (by hand or by Hookgate) and is enabled now, {@code endpoint.disabled}
     * when a caller disables it (stamped with who did).
     */
    private Uni<Changed> changed(Caller caller, Endpoint endpoint, boolean wasActive) {
        if (wasActive == endpoint.active) {
            return Uni.createFrom().item(new Changed(view(endpoint, null), Announcement.NONE));
        }
        String by = caller.admin() ? "an admin" : "its owner";
        ObjectNode data = json.createObjectNode().put("endpointId", endpoint.id);
        String type;
        if (endpoint.active) {
            type = "endpoint.enabled";
            data.put("enabledAt", endpoint.updatedAt.toString()).put("enabledBy", caller.admin() ? "admin" : "owner");
        } else {
            type = "endpoint.disabled";
            endpoint.disabledReason = "disabled by " + by;
            endpoint.disabledAt = endpoint.updatedAt;
            data.put("reason", endpoint.disabledReason).put("disabledAt", endpoint.disabledAt.toString());
        }
        return Panache.getSession()
                .chain(session -> journal.append(session, NewEvent.webhook(endpoint.tenantId, type, "hookgate", data.toString())))
                .map(appended -> new Changed(view(endpoint, null), Announcement.of(appended)));
    }

    /** Clears what a disable left behind: the reason, the open circuit and the failure counters. */
    private static void reopen(Endpoint endpoint) {
        endpoint.disabledReason = null;
        endpoint.disabledAt = null;
        endpoint.circuitOpenedAt = null;
        endpoint.consecutiveFailures = 0;
        endpoint.consecutiveFailedDeliveries = 0;
        endpoint.failingSince = null;
    }

    /** The canonical subscriptions, or a 422 naming every entry the catalogue does not know. */
    private String[] subscriptions(List<String> requested) {
        List<String> canonical = new java.util.ArrayList<>();
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String entry = requested.get(i);
            catalogue.normalizeSubscription(entry).ifPresentOrElse(canonical::add, () -> errors.add(new Problem.FieldError(
                    "events[" + requested.indexOf(entry) + "]",
                    "unknown event type '" + entry + "'; GET /api/v1/webhooks/events/available lists the types")));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", errors);
        }
        return canonical.stream().distinct().toArray(String[]::new);
    }

    @WithSession
    public Uni<Page<EndpointView>> list(Caller caller, Boolean active, String event, String urlContains, String startingAfter, int limit) {
        var filter = new EndpointRepository.ListFilter(caller.visibleTenant(), active, event, urlContains);
        return endpoints.page(filter, startingAfter, limit + 1)
                .map(rows -> Page.of(rows, limit, e -> view(e, null), e -> e.id));
    }

    /** The caller's endpoint; another organisation's endpoint is reported as absent, so ids do not leak. */
    @WithSession
    public Uni<Endpoint> visible(Caller caller, String id) {
        Uni<Endpoint> found = caller.admin() ? endpoints.findLive(id) : endpoints.findLive(id, caller.tenantId());
        return found.onItem().ifNull().failWith(() -> ApiException.notFound("webhook", id));
    }

    /** The caller's endpoints of {@code ids}, in that order; the first one it cannot see is reported absent (404). */
    @WithSession
    public Uni<List<Endpoint>> visible(Caller caller, List<String> ids) {
        Uni<List<Endpoint>> found = caller.admin() ? endpoints.<Endpoint>find("id in ?1 and deletedAt is null", ids).list()
                : endpoints.<Endpoint>find("id in ?1 and tenantId = ?2 and deletedAt is null", ids, caller.tenantId()).list();
        return found.map(list -> {
            Map<String, Endpoint> byId = list.stream().collect(Collectors.toMap(e -> e.id, e -> e));
            return ids.stream().map(id -> Optional.ofNullable(byId.get(id)).orElseThrow(() -> ApiException.notFound("webhook", id))).toList();
        });
    }

    public EndpointView view(Endpoint e, String secret) {
        return new EndpointView(e.id, e.tenantId, e.name, e.channel, e.profile, shownUrl(e), tree(e.channelConfig), e.description, List.of(e.events), tree(e.filters), e.active, e.disabledReason,
                e.timeoutMs, retryPolicy(e.retryPolicy), e.rateLimitPerMinute, e.rateLimitBurst, read(e.headers), e.createdAt, e.updatedAt,
                e.previousSecretExpiresAt != null && e.previousSecretExpiresAt.isAfter(OffsetDateTime.now()) ? e.previousSecretExpiresAt : null, secret);
    }

    /** Discord and Slack webhook URLs end in their credential, so the API shows only its first characters. */
    private static String shownUrl(Endpoint endpoint) {
        Channel channel = endpoint.channelType();
        if (channel != Channel.DISCORD && channel != Channel.SLACK) {
            return endpoint.url;
        }
        int cut = endpoint.url.lastIndexOf('/');
        String credential = endpoint.url.substring(cut + 1);
        return credential.length() <= 4 ? endpoint.url : endpoint.url.substring(0, cut + 1) + credential.substring(0, 4) + "…";
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode tree(String text) {
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private RetryPolicy retryPolicy(String text) {
        try {
            return text == null ? null : json.readValue(text, RetryPolicy.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Map<String, String> read(String text) {
        try {
            return text == null ? Map.of() : json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }
}
