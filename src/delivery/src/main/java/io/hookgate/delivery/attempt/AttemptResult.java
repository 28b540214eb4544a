package io.hookgate.delivery.attempt;

import io.hookgate.delivery.schedule.Doorbell;

/**
 * What became of a doorbell: the doorbell to ring next for its delivery (a retry, a hold, a move to the slow lane), or
 * null when the row needs none (finished, leased by another attempt, or due beyond SQS's longest delay, which the
 * reconciler rings). An endpoint disabled by this attempt's outcome leaves the id of its {@code endpoint.disabled}
 * event to publish.
 */
public record AttemptResult(String deliveryId, Doorbell next, String disabledEventId) implements Preparation {

    public static AttemptResult done(String deliveryId) {
        return new AttemptResult(deliveryId, null, null);
    }

    public static AttemptResult ringing(String deliveryId, Doorbell next) {
        return new AttemptResult(deliveryId, next, null);
    }
}
