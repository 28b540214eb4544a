package io.hookgate.ingest.analytics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** The analytics services allowed to call {@code POST /api/webhook/analytics/event}. */
@ConfigMapping(prefix = "hookgate.ingest.analytics")
public interface AnalyticsConfig {

    /** Each service by name, with the SHA-256 (hex) of its X-API-Key. */
    Map<String, Source> sources();

    /** Most events in one batch call. */
    @WithDefault("500")
    int maxBatch();

    /** Events (not requests: a batch counts each) allowed per service per {@link #rateWindow()} (seed 000: 10,000 per hour). */
    @WithDefault("10000")
    long rateLimit();

    @WithDefault("1h")
    java.time.Duration rateWindow();

    /** Largest accepted request body, in bytes. */
    @WithDefault("1048576")
    int maxBodyBytes();

    interface Source {
        /** SHA-256 (hex) of the service's X-API-Key; the key itself is never stored. */
        String apiKeyHash();
    }
}
