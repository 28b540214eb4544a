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
}
