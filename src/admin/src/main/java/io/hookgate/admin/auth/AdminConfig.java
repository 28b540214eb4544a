package io.hookgate.admin.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the admin API. */
@ConfigMapping(prefix = "hookgate.admin")
public interface AdminConfig {

    /** An admin API key created (hashed) at start, so a fresh installation can be administered. */
    Optional<String> bootstrapKey();

    /** Whether endpoint URLs must use https (off only for local runs and tests). */
    @WithDefault("true")
    boolean requireHttps();

    /** Whether endpoint URLs may point at loopback or private addresses (only local runs and tests). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** The largest request body the admin API reads (1 MiB); a larger one is 413 {@code payload_too_large}. */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** Most live endpoints one organisation may have (seed 002). */
    @WithDefault("10")
    int maxEndpointsPerTenant();

    /**
     * How long {@code POST /api/v1/webhooks/{id}/test} waits for the attempt beyond the endpoint's own timeout before
     * answering 202 with the delivery to look up later.
     */
    @WithDefault("5s")
    java.time.Duration testWaitMargin();

    /**
     * The longest a test send waits, whatever the endpoint's timeout: the admin function and API Gateway stop at 30 s,
     * so the answer (202 with the delivery to look up, if need be) must come before.
     */
    @WithDefault("25s")
    java.time.Duration testWaitMax();

    /**
     * How often the operational metrics on /q/metrics are read from the database and the queues; 0 turns the reads
     * off, as on Lambda, where nothing scrapes the function.
     */
    @WithDefault("15s")
    java.time.Duration metricsRefresh();
}
