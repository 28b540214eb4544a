package io.hookgate.core;

import io.smallrye.config.ConfigMapping;

/** The SQS queues that carry events to the delivery function. */
@ConfigMapping(prefix = "hookgate.queues")
public interface QueueConfig {

    /** Queue of event ids waiting to be fanned out to endpoints. */
    String eventsUrl();

    /** Queue of delivery ids waiting for a signed HTTP attempt. */
    String deliveriesUrl();

    /**
     * Queue of deliveries to endpoints that answer slowly, polled separately so that they hold up no one else (the
     * slow lane).
     */
    String slowDeliveriesUrl();

    /** Dead-letter queue that the redrive policy fills with poison messages. */
    String deadLetterUrl();
}
