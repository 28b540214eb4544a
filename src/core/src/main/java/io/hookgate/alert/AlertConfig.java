package io.hookgate.alert;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How often Hookgate's operational alerts may repeat about one subject. */
@ConfigMapping(prefix = "hookgate.alerts")
public interface AlertConfig {

    /**
     * After an endpoint's {@code delivery.exhausted} alert, the deliveries of that endpoint that exhaust within this
     * window are announced together, in one digest, when it has passed.
     */
    @WithDefault("5m")
    Duration exhaustedDigestWindow();

    /** Most deliveries a {@code delivery.exhausted} alert lists (its {@code count} says how many there were). */
    @WithDefault("20")
    int exhaustedListed();

    /** How often endpoints' recent attempts are compared with their organisation's thresholds; {@code off} in deployables that do not. */
    @WithDefault("off")
    String healthCheckEvery();

    /** The attempts an endpoint's success rate and p95 response time are measured over. */
    @WithDefault("15m")
    Duration degradedWindow();

    /** Default threshold: below this fraction of successful attempts in the window an endpoint is degraded. */
    @WithDefault("0.9")
    double minSuccessRate();

    /** Default threshold: above this p95 response time (milliseconds) in the window an endpoint is degraded. */
    @WithDefault("5000")
    int maxP95Ms();

    /** Default: fewer attempts than this in the window say nothing either way. */
    @WithDefault("10")
    int minAttempts();

    /** The shortest time between two {@code endpoint.degraded} alerts about one endpoint (a flapping one's are folded). */
    @WithDefault("15m")
    Duration degradedAlertInterval();
}
