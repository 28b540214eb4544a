package io.hookgate.delivery.attempt;

import java.time.Duration;

/** What the function does with a delivery message after an attempt: acknowledge it, or retry after a delay. */
public record AttemptResult(String deliveryId, Duration retryIn) {

    public static AttemptResult done(String deliveryId) {
        return new AttemptResult(deliveryId, null);
    }

    public boolean retry() {
        return retryIn != null;
    }
}
