package io.hookgate.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long the security audit log keeps its rows, and how often older ones are removed. */
@ConfigMapping(prefix = "hookgate.audit")
public interface AuditConfig {

    /** Rows older than this are deleted. */
    @WithDefault("90d")
    Duration retention();

    /**
     * How often the sweep runs, as a Quarkus scheduler interval ({@code 1h}), or {@code off}. On in the realtime
     * service, the one deployable always running.
     */
    @WithDefault("off")
    String sweepEvery();

    /** Most rows deleted per statement, so a large backlog never holds one long transaction. */
    @WithDefault("10000")
    int batchSize();
}
