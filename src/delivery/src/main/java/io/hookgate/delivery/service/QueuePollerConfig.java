package io.hookgate.delivery.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The delivery function as a plain service (no AWS Lambda): it then polls its queues itself, as Lambda's
 * event-source mappings do in AWS (docs/deploy.md, "Without AWS").
 */
@ConfigMapping(prefix = "hookgate.delivery.poller")
public interface QueuePollerConfig {

    /** Off on Lambda, where event-source mappings invoke the function. */
    @WithDefault("false")
    boolean enabled();

    /** Batches in flight at once per queue. */
    @WithDefault("4")
    int concurrency();

    /** Messages per batch (SQS allows at most 10). */
    @WithDefault("10")
    int batchSize();
}
