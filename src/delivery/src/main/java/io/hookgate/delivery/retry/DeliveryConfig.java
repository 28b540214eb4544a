package io.hookgate.delivery.retry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

/** How outbound deliveries are attempted and retried. */
@ConfigMapping(prefix = "hookgate.delivery")
public interface DeliveryConfig {

    /**
     * Delay before each attempt: the first entry precedes attempt 1, so the list's length is the number of attempts.
     * The wait lives in the delivery row, so it may be longer than any queue keeps a message; one delay is capped at
     * 12 hours all the same.
     */
    @WithDefault("0s,5s,5m,30m,2h,5h,10h,10h")
    List<Duration> retrySchedule();

    /** Random spread applied to each delay, as a fraction: 0.2 means ±20%. */
    @WithDefault("0.2")
    double jitter();

    /** Whether endpoints may resolve to loopback, private or link-local addresses (only tests and local runs). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Whether only https endpoints are called (seeds 001 and 004); off only for local runs and tests. */
    @WithDefault("true")
    boolean requireHttps();

    /** Largest response body kept in the attempt log, in bytes. */
    @WithDefault("4096")
    int maxLoggedResponseBytes();

    /** Consecutive failed attempts that open an endpoint's circuit (seed 004). */
    @WithDefault("5")
    int circuitFailureThreshold();

    /** How long an open circuit holds deliveries back before one half-open probe (seed 004). */
    @WithDefault("5m")
    Duration circuitOpenDuration();

    /** Consecutive deliveries ending RETRY_EXHAUSTED that disable an endpoint (seed 002). */
    @WithDefault("10")
    int disableAfterFailedDeliveries();

    /**
     * The shortest time between two {@code endpoint.circuit_opened} alerts about one endpoint: a flapping endpoint's
     * further openings (and their closings) are folded into the first; its stats always show the current state.
     */
    @WithDefault("15m")
    Duration alertMinInterval();

    /**
     * Adaptive rate limiting: an endpoint answering 429 or 503, or taking its whole timeout, has its rate halved at
     * most once per step; each success a step after the last change raises it by half again, up to its configured rate.
     */
    @WithDefault("30s")
    Duration adaptiveStep();

    /** The lowest rate (deliveries per minute) adaptive limiting goes down to. */
    @WithDefault("1")
    double adaptiveMinRate();

    /** The longest pause a receiver's Retry-After can ask of an endpoint's deliveries. */
    @WithDefault("1h")
    Duration maxRetryAfter();

    /** How long an endpoint may fail without a single success before it is disabled. */
    @WithDefault("5d")
    Duration disableAfterFailingFor();

    /**
     * Pooled connections per target host. Endpoints often share a host (Discord, Slack, one receiver for many
     * endpoints), so this is at least a batch's worth of concurrent attempts.
     */
    @WithDefault("100")
    int maxConnectionsPerHost();

    /**
     * An attempt that takes at least this long marks its endpoint slow: its deliveries move to the slow lane until
     * an attempt is quick again.
     */
    @WithDefault("2s")
    Duration slowAttemptThreshold();

    /**
     * How much longer than the endpoint's timeout a claim on a delivery lasts. An attempt whose process dies is tried
     * again once its lease has expired; an attempt still running then may be doubled (the receiver sees the same
     * webhook-id twice).
     */
    @WithDefault("30s")
    Duration leaseMargin();

    /** How often a delivery held for a disabled endpoint looks again whether the endpoint is back. */
    @WithDefault("5m")
    Duration disabledRecheck();

    /**
     * How long a delivery waits for its disabled endpoint to be enabled again (counted from its creation); after that
     * it fails without a call and is listed with the dead letters, replayable.
     */
    @WithDefault("3d")
    Duration disabledHoldLimit();

    /** Pooled connections in all. */
    @WithDefault("500")
    int maxConnections();

    /** The {@code metadata.source} of every outbound envelope. */
    @WithDefault("hookgate")
    String source();
}
