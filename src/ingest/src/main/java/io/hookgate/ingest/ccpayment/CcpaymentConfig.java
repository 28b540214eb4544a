package io.hookgate.ingest.ccpayment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How CCPayment calls are verified and where their events go. */
@ConfigMapping(prefix = "hookgate.ingest.ccpayment")
public interface CcpaymentConfig {

    /** Shared HMAC secret of X-CC-Signature (from Secrets Manager in production). */
    String secret();

    /** Largest allowed distance between X-CC-Timestamp and now, in seconds. */
    @WithDefault("300")
    long timestampToleranceSeconds();

    /** The organisation whose endpoints receive CCPayment-derived events. */
    @WithDefault("org_default")
    String tenantId();

    /** The coin user balances are kept in. */
    @WithDefault("DGT")
    String creditCoin();

    /**
     * Oldest price a conversion may use. A deposit whose coin has only older prices is refused with WEBHOOK_004 and
     * nothing recorded, so CCPayment's retry succeeds once the price feed has called.
     */
    @WithDefault("1h")
    java.time.Duration priceMaxAge();

    /** Calls allowed per {@link #rateWindow()}, deposits and withdrawals together (seed 000: 1000 per hour). */
    @WithDefault("1000")
    long rateLimit();

    @WithDefault("1h")
    java.time.Duration rateWindow();

    /** Largest accepted request body, in bytes. */
    @WithDefault("65536")
    int maxBodyBytes();
}
