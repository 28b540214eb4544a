package io.hookgate.delivery.attempt;

import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.event.Announcement;

/**
 * What became of a doorbell: the doorbell to ring next for its delivery (a retry, a hold, a move to the slow lane), or
 * null when the row needs none (finished, leased by another attempt, or due beyond SQS's longest delay, which the
 * reconciler rings). An endpoint disabled by this attempt's outcome leaves its {@code endpoint.disabled} event to
 * announce.
 */
public record AttemptResult(String deliveryId, Doorbell next, Announcement announcement) implements Preparation {

    public static AttemptResult done(String deliveryId) {
        return new AttemptResult(deliveryId, null, Announcement.NONE);
    }

    public static AttemptResult ringing(String deliveryId, Doorbell next) {
        return new AttemptResult(deliveryId, next, Announcement.NONE);
    }
}
