package io.hookgate.delivery.attempt;

import java.time.Duration;

/**
 * What the function does with a delivery message after an attempt: acknowledge it, retry after a delay, or move it
 * to the slow lane without an attempt. An endpoint disabled by this attempt's outcome leaves the id of its
 * {@code endpoint.disabled} event to publish.
 */
public record AttemptResult(String deliveryId, Duration retryIn, String disabledEventId, boolean toSlowLane) {

    public AttemptResult(String deliveryId, Duration retryIn, String disabledEventId) {
        this(deliveryId, retryIn, disabledEventId, false);
    }

    public static AttemptResult done(String deliveryId) {
        return new AttemptResult(deliveryId, null, null);
    }

    public static AttemptResult moveToSlowLane(String deliveryId) {
        return new AttemptResult(deliveryId, null, null, true);
    }

    public boolean retry() {
        return retryIn != null;
    }
}
