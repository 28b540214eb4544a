package io.hookgate.ingest.analytics;

import io.hookgate.core.input.RequestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.ingest.common.Answers;
import io.hookgate.ingest.common.ApiKeySources;
import io.hookgate.ingest.common.JsonBody;
import io.hookgate.ingest.common.ProcessingDeadline;
import io.hookgate.ingest.common.SourcePolicies;
import io.hookgate.ingest.common.RequestId;
import io.hookgate.ingest.common.SourceRateLimit;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/webhook/analytics/event}: seed 000's analytics event, or a batch {@code {"events": [...]}} of up to
 * {@code max-batch}, from a service identified by its {@code X-API-Key}. Checked, then appended in one statement; one
 * bad event refuses the whole batch, naming it.
 */
@Path("/api/webhook/analytics/event")
public class AnalyticsEventRoute {

    private final AnalyticsConfig config;
    private final AnalyticsStore store;
    private final ObjectMapper json;
    private final SourceRateLimit limits;
    private final SourcePolicies policies;
    private final ProcessingDeadline deadline;

    public AnalyticsEventRoute(AnalyticsConfig config, AnalyticsStore store, @RequestJson ObjectMapper json, SourceRateLimit limits,
            SourcePolicies policies, ProcessingDeadline deadline) {
        this.config = config;
        this.store = store;
        this.limits = limits;
        this.policies = policies;
        this.deadline = deadline;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] rawBody, @Context HttpServerRequest request, @HeaderParam("X-API-Key") String apiKey) {
        String requestId = RequestId.begin();
        return policies.admit("analytics", config.rateLimit(), config.rateWindow(), request).chain(policy -> {
            String source = ApiKeySources.find(config.sources(), AnalyticsConfig.Source::apiKeyHash, apiKey, "analytics service").getKey();
            WebhookException.requireBodySize(rawBody, config.maxBodyBytes());
            List<AnalyticsEvent> events = events(JsonBody.read(json, rawBody, JsonNode.class));
            return limits.take("analytics:" + source, events.size(), policy)
                    .chain(() -> deadline.bound(store.append(source, requestId, events))).map(stored -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("processed", true);
            data.put("stored", stored);
            data.put("source", source);
            return Answers.ok(data, requestId);
        });
        });
    }

    private List<AnalyticsEvent> events(JsonNode body) {
        Instant now = Instant.now();
        if (body == null || !body.isObject()) {
            throw new WebhookException(WebhookError.WEBHOOK_007, "the body must be an event object or {\"events\": [...]}");
        }
        if (!body.has("events")) {
            return List.of(AnalyticsEvent.of(body, "", now));
        }
        JsonNode batch = body.get("events");
        if (!batch.isArray() || batch.isEmpty() || batch.size() > config.maxBatch()) {
            throw new WebhookException(WebhookError.WEBHOOK_007, "events must be an array of 1 to " + config.maxBatch() + " events");
        }
        List<AnalyticsEvent> events = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            events.add(AnalyticsEvent.of(batch.get(i), "events[" + i + "]", now));
        }
        return events;
    }
}
