package io.hookgate.ingest.source;

import io.hookgate.core.input.RequestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.event.EventJournal;
import io.hookgate.ingest.common.Answers;
import io.hookgate.ingest.common.JsonBody;
import io.hookgate.ingest.common.ProcessingDeadline;
import io.hookgate.ingest.common.RequestId;
import io.hookgate.ingest.common.SourcePolicies;
import io.hookgate.ingest.common.SourceRateLimit;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.function.Function;

/**
 * {@code POST /api/webhook/sources/{sourceId}}: a call from a provider an admin registered. Checked in order: the
 * source exists and is enabled (else WEBHOOK_008), its IP allowlist, body size, signature and timestamp by the
 * source's scheme, the JSON body, the provider event type (WEBHOOK_003 when the source does not accept it) and
 * unique id, the rate limit; then republished once per id as {@code source.<name>.<provider type>}.
 */
@Path("/api/webhook/sources/{sourceId}")
public class SourceWebhookRoute {

    private static final Logger LOG = Logger.getLogger(SourceWebhookRoute.class);

    private final RegisteredSources sources;
    private final SourcesConfig config;
    private final SourcePolicies policies;
    private final SourceRateLimit limits;
    private final SourceEventService service;
    private final ProcessingDeadline deadline;
    private final EventJournal journal;
    private final ObjectMapper json;

    public SourceWebhookRoute(RegisteredSources sources, SourcesConfig config, SourcePolicies policies, SourceRateLimit limits,
                              SourceEventService service, ProcessingDeadline deadline, EventJournal journal, @RequestJson ObjectMapper json) {
        this.sources = sources;
        this.config = config;
        this.policies = policies;
        this.limits = limits;
        this.service = service;
        this.deadline = deadline;
        this.journal = journal;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(@PathParam("sourceId") String sourceId, byte[] rawBody, @Context HttpServerRequest request) {
        String requestId = RequestId.begin();
        return sources.find(sourceId)
                .map(found -> found.orElseThrow(() -> new WebhookException(WebhookError.WEBHOOK_008,
                        "no enabled source has this id", null, "unknown_source")))
                .call(source -> policies.admit(source.id(), config.rateLimit(), config.rateWindow(), request)
                        .invoke(() -> WebhookException.requireBodySize(rawBody, config.maxBodyBytes()))
                        .invoke(() -> SourceSignatures.verify(source, rawBody, headersOf(request), Clock.systemUTC()))
                        .chain(policy -> limits.take(source.id(), 1, policy)))
                .chain(source -> {
                    JsonNode body = JsonBody.readObject(json, rawBody);
                    Function<String, String> headers = headersOf(request);
                    String type = eventType(source, body, headers);
                    String id = source.dedupeIdFrom().find(body, headers).orElseThrow(() -> new WebhookException(WebhookError.WEBHOOK_007,
                            "the call's unique id is missing at " + source.dedupeIdFrom()));
                    if (id.length() > 200) {
                        throw new WebhookException(WebhookError.WEBHOOK_007, "the call's unique id is longer than 200 characters");
                    }
                    String digest = source.idOutsideSignature() ? sha256(rawBody) : null;
                    return deadline.bound(service.republish(source, type, id, body, requestId, digest)
                            .call(outcome -> journal.announce(outcome.announcement()))
                            .invoke(outcome -> LOG.infof("%s call %s (%s): processed=%s", source.name(), id, type, outcome.result().get("processed"))));
                })
                .map(outcome -> Answers.ok(outcome.result(), requestId));
    }

    private static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * A header's whole value. Values with commas (Stripe-Signature, webhook-signature) may arrive split into several
     * (the local Lambda event server does that); joining them restores what the provider sent.
     */
    private static Function<String, String> headersOf(HttpServerRequest request) {
        return name -> {
            var values = request.headers().getAll(name);
            return values.isEmpty() ? null : String.join(",", values);
        };
    }

    private static String eventType(RegisteredSource source, JsonNode body, Function<String, String> headers) {
        String type = source.eventTypeFrom().find(body, headers).orElseThrow(() -> new WebhookException(WebhookError.WEBHOOK_003,
                "the event type is missing at " + source.eventTypeFrom()));
        if (!EventCatalogue.isSourceEvent(source.eventTypePrefixOf() + type)) {
            throw new WebhookException(WebhookError.WEBHOOK_003, "'" + type + "' is not a usable event type (letters, digits and _ . : / - only)");
        }
        if (source.acceptedEvents() != null && !source.acceptedEvents().contains(type)) {
            throw new WebhookException(WebhookError.WEBHOOK_003, "source " + source.name() + " does not accept '" + type + "' events");
        }
        return type;
    }
}
