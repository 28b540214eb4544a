package io.hookgate.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How committed events' fan-out messages leave for the events queue. */
@ConfigMapping(prefix = "hookgate.outbox")
public interface OutboxConfig {

    /**
     * SendMessageBatch calls in flight at once from one process. An event committed while they are all busy waits for
     * the next free one and goes out with the others that waited (up to 10 a call): one event alone leaves at once,
     * a burst leaves in batches.
     */
    @WithDefault("4")
    int maxBatchesInFlight();

    /**
     * Whether a request's answer waits until its events are published and NOTIFYed. Keep it on in AWS Lambda, where
     * the instance may be frozen as soon as the answer is sent (a publish left behind then waits for the next
     * invocation or for the reconciler's grace). A long-running service can answer first: the publish goes on in the
     * background, and the outbox row still guarantees the event if it fails or the process dies.
     */
    @WithDefault("true")
    boolean publishBeforeAnswer();
}
