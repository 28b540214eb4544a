package io.hookgate.delivery.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** The reconciler: where it runs (every deployable that sets {@code every}) and what it considers lost. */
@ConfigMapping(prefix = "hookgate.reconciler")
public interface ReconcilerConfig {

    /**
     * How often it runs, as a Quarkus scheduler interval ({@code 5s}), or {@code off}. On in the realtime service (the
     * one deployable that is always running) and in the delivery service without AWS; off in the Lambda functions.
     */
    @WithDefault("off")
    String every();

    /**
     * A due delivery whose doorbell was expected longer ago than this is rung again. Longer than a queue's usual
     * backlog, so that a doorbell merely waiting in line is seldom doubled (a doubled one is harmless: claims).
     */
    @WithDefault("2m")
    Duration doorbellGrace();

    /** An outbox row whose event has not been fanned out this long after it was written or published is published again. */
    @WithDefault("30s")
    Duration outboxGrace();

    /** Most deliveries and most outbox rows handled per run. */
    @WithDefault("500")
    int batchSize();
}
