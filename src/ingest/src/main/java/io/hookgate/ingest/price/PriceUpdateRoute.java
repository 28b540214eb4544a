package io.hookgate.ingest.price;

import io.hookgate.core.input.RequestJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.event.EventJournal;
import io.hookgate.ingest.common.Answers;
import io.hookgate.ingest.common.ApiKeySources;
import io.hookgate.ingest.common.HexSignature;
import io.hookgate.ingest.common.JsonBody;
import io.hookgate.ingest.common.ProcessingDeadline;
import io.hookgate.ingest.common.SourcePolicies;
import io.hookgate.ingest.common.RequestId;
import io.hookgate.ingest.common.SourceRateLimit;
import io.hookgate.ingest.common.TimestampWindow;
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
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/webhook/price-update}: a price feed's update (seed 000), checked by its {@code X-API-Key} (stored
 * hashed, one per feed) and its {@code X-Signature} (hex HMAC-SHA256 of the raw body), then stored with its source
 * and time.
 */
@Path("/api/webhook/price-update")
public class PriceUpdateRoute {

    private static final Logger LOG = Logger.getLogger(PriceUpdateRoute.class);
    /** How far ahead of this clock an observation may be stamped: skew between clocks, never a future price. */
    static final long CLOCK_SKEW_SECONDS = 30;

    private final PriceFeedConfig config;
    private final PriceService prices;
    private final EventJournal journal;
    private final ObjectMapper json;
    private final SourceRateLimit limits;
    private final SourcePolicies policies;
    private final ProcessingDeadline deadline;

    public PriceUpdateRoute(PriceFeedConfig config, PriceService prices, EventJournal journal, @RequestJson ObjectMapper json, SourceRateLimit limits,
            SourcePolicies policies, ProcessingDeadline deadline) {
        this.config = config;
        this.prices = prices;
        this.journal = journal;
        this.limits = limits;
        this.policies = policies;
        this.deadline = deadline;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] rawBody, @Context HttpServerRequest request, @HeaderParam("X-API-Key") String apiKey,
                                 @HeaderParam("X-Signature") String signature) {
        String requestId = RequestId.begin();
        return policies.admit("price-feed", config.rateLimit(), config.rateWindow(), request).chain(policy -> {
            WebhookException.requireBodySize(rawBody, config.maxBodyBytes());
            String feed = ApiKeySources.find(config.sources(), PriceFeedConfig.Source::apiKeyHash, apiKey, "price feed").getKey();
            HexSignature.verify(rawBody, signature, config.sources().get(feed).signingSecret(), "X-Signature");
            PriceUpdate update = JsonBody.read(json, rawBody, PriceUpdate.class);
            var quotes = update.quotes();
            if (!feed.equals(update.source())) {
                throw new WebhookException(WebhookError.WEBHOOK_007, "source '" + update.source() + "' is not the feed this API key belongs to");
            }
            Instant observedAt = TimestampWindow.checkIso(update.timestamp(), config.timestampToleranceSeconds(), CLOCK_SKEW_SECONDS, Clock.systemUTC());
            return limits.take("price-feed:" + feed, 1, policy)
                    .chain(() -> deadline.bound(prices.store(feed, observedAt, quotes, json.valueToTree(update.prices()))))
                    .call(stored -> journal.announce(stored.announcement()))
                    .map(stored -> {
                        LOG.infof("price update from %s at %s: %d stored, %d derived", feed, observedAt, stored.stored(), stored.derived());
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("processed", !stored.announcement().events().isEmpty());
                        data.put("source", feed);
                        data.put("observedAt", observedAt.toString());
                        data.put("stored", stored.stored());
                        data.put("derived", stored.derived());
                        return Answers.ok(data, requestId);
                    });
        });
    }
}
