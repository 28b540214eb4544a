package io.hookgate.event;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** How committed events' fan-out messages leave for the events queue. */
@ConfigMapping(prefix = "hookgate.outbox")
public interface OutboxConfig {

    /** Who publishes a committed event's fan-out message, and whether the request's answer waits for it. */
    enum Publish {
        /**
         * The request publishes, and answers once published and NOTIFYed. The default, and the one for AWS Lambda,
         * where the instance may be frozen as soon as the answer is sent.
         */
        BEFORE_ANSWER,
        /**
         * The request publishes in the background after answering: for a long-running service. The outbox row still
         * guarantees the event if the publish fails or the process dies.
         */
        AFTER_ANSWER,
        /**
         * The request only commits (and NOTIFYs realtime events); an {@link OutboxRelay} (where {@code relay.every}
         * is set) publishes the outbox in packed batches. Cheapest per request, one relay poll of latency.
         */
        RELAY
    }

    @WithDefault("before-answer")
    Publish publish();

    /**
     * SendMessage calls in flight at once from one process when requests publish. An event committed while they are
     * all busy waits for the next free one and goes out with the others that waited, in one message: one event alone
     * leaves at once, a burst leaves in batches.
     */
    @WithDefault("2")
    int maxBatchesInFlight();

    /**
     * How often this process's outbox relay looks for unpublished rows when the last look found fewer than a full
     * batch (a full one is followed at once by the next). Unset: no relay here. On in the delivery service without
     * AWS; wherever it runs, the deployables that commit events may use {@code publish=relay}.
     */
    Optional<Duration> relayEvery();
}
