package io.hookgate.ingest.common;

import io.hookgate.ingest.analytics.AnalyticsConfig;
import io.hookgate.ingest.price.PriceFeedConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * On Lambda, configuration is environment variables only (infra's {@code hookgate:environment}). The per-feed,
 * per-service and per-source maps must be reachable that way, with the names docs/deploy.md gives.
 */
class EnvironmentConfigTest {

    @Test
    void mapEntriesAreSetThroughEnvironmentVariables() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of(
                        "HOOKGATE_INGEST_PRICE_FEED_SOURCES_COINGECKO_API_KEY_HASH", "aa11",
                        "HOOKGATE_INGEST_PRICE_FEED_SOURCES_COINGECKO_SIGNING_SECRET", "s3cret",
                        "HOOKGATE_INGEST_ANALYTICS_SOURCES_TRACKER_API_KEY_HASH", "bb22",
                        "HOOKGATE_INGEST_POLICY_IP_ALLOWLIST_CCPAYMENT", "203.0.113.0/24,2001:db8::/32",
                        "HOOKGATE_INGEST_PRICE_FEED_RATE_LIMIT", "120"), 300))
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withMapping(PriceFeedConfig.class)
                .withMapping(AnalyticsConfig.class)
                .withMapping(SourcePolicyConfig.class)
                .build();

        PriceFeedConfig feeds = config.getConfigMapping(PriceFeedConfig.class);
        assertEquals("aa11", feeds.sources().get("coingecko").apiKeyHash());
        assertEquals("s3cret", feeds.sources().get("coingecko").signingSecret());
        assertEquals(120, feeds.rateLimit());
        assertEquals("bb22", config.getConfigMapping(AnalyticsConfig.class).sources().get("tracker").apiKeyHash());
        assertEquals(List.of("203.0.113.0/24", "2001:db8::/32"),
                config.getConfigMapping(SourcePolicyConfig.class).ipAllowlist().get("ccpayment"));
    }
}
