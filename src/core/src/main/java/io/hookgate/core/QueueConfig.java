package io.hookgate.core;

import io.smallrye.config.ConfigMapping;

/** The SQS queues that carry events to the delivery function. */
@ConfigMapping(prefix = "hookgate.queues")
public interface QueueConfig {

    /** Queue of event ids waiting to be fanned out to endpoints. */
    String eventsUrl();

    /** Queue of delivery ids waiting for a signed HTTP attempt. */
    String deliveriesUrl();

    /** Dead-letter queue that the redrive policy fills with poison messages. */
    String deadLetterUrl();
}
