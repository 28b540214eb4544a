package io.hookgate.delivery.attempt;

import java.time.Duration;

/**
 * What the function does with a delivery message after an attempt: acknowledge it, or retry after a delay. An
 * endpoint disabled by this attempt's outcome leaves the id of its {@code endpoint.disabled} event to publish.
 */
public record AttemptResult(String deliveryId, Duration retryIn, String disabledEventId) {

    public static AttemptResult done(String deliveryId) {
        return new AttemptResult(deliveryId, null, null);
    }

    public boolean retry() {
        return retryIn != null;
    }
}
