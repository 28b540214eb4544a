package io.hookgate.delivery.schedule;

import java.time.Duration;

/**
 * A reminder to the delivery function that a delivery may be due: the deliver message for {@code deliveryId}, on the
 * slow lane or the main one, delivered after {@code delay}. It carries no state; the delivery row says what to do.
 */
public record Doorbell(String deliveryId, String trigger, Duration delay, boolean slowLane) {

    public static Doorbell now(String deliveryId, String trigger, boolean slowLane) {
        return new Doorbell(deliveryId, trigger, Duration.ZERO, slowLane);
    }
}
