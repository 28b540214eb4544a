package io.hookgate.ingest.price;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/** The price feeds allowed to call {@code POST /api/webhook/price-update}, and how they are checked. */
@ConfigMapping(prefix = "hookgate.ingest.price-feed")
public interface PriceFeedConfig {

    /** Each feed by the name it sends as the body's {@code source} (coingecko, say). */
    Map<String, Source> sources();

    /** Largest allowed distance between the body's {@code timestamp} and now, in seconds. */
    @WithDefault("300")
    long timestampToleranceSeconds();

    /** The coin balances are kept in: prices in USD of it and of other coins give each coin's rate in it. */
    @WithDefault("DGT")
    String creditCoin();

    /** Updates allowed per feed per {@link #rateWindow()} (seed 000: 60 per minute). */
    @WithDefault("60")
    long rateLimit();

    @WithDefault("1m")
    java.time.Duration rateWindow();

    /** Largest accepted request body, in bytes. */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * Largest relative move from the feed's previous price of the same pair within {@link #deviationWindow()}: 0.5
     * refuses a quote more than 50 % away (a feed fault or a forged update, not a market move between two updates a
     * minute apart). 0 turns the check off. A real move beyond it is accepted once the previous price is older.
     */
    @WithDefault("0.5")
    java.math.BigDecimal maxDeviation();

    /** How recent a previous price must be for {@link #maxDeviation()} to apply. */
    @WithDefault("15m")
    java.time.Duration deviationWindow();

    /** The organisation whose endpoints receive {@code price.updated}. */
    @WithDefault("org_default")
    String tenantId();

    interface Source {
        /** SHA-256 (hex) of the feed's X-API-Key; the key itself is never stored. */
        String apiKeyHash();

        /** The HMAC secret of the feed's X-Signature (from Secrets Manager in production). */
        String signingSecret();
    }
}
