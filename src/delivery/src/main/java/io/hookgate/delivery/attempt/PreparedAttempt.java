package io.hookgate.delivery.attempt;

import io.hookgate.delivery.channel.OutboundMessage;
import io.hookgate.endpoint.RetryPolicy;

import java.time.Duration;

/**
 * Everything one attempt needs, read in one short transaction so that no database work overlaps the call.
 * {@code heldBack} is set when the endpoint's circuit is open or its rate bucket is empty: the delivery waits that
 * long without an attempt. {@code refusal} is set when the attempt must fail without a call (SSRF guard, disabled).
 * {@code toSlowLane} is set when a delivery on the main lane is for an endpoint that is slow.
 */
record PreparedAttempt(String deliveryId, String endpointId, int attemptNumber, OutboundMessage message, Duration timeout,
                       String refusal, RetryPolicy retryPolicy, Duration heldBack, boolean toSlowLane) {

    PreparedAttempt(String deliveryId, String endpointId, int attemptNumber, OutboundMessage message, Duration timeout,
                    String refusal, RetryPolicy retryPolicy, Duration heldBack) {
        this(deliveryId, endpointId, attemptNumber, message, timeout, refusal, retryPolicy, heldBack, false);
    }

    static PreparedAttempt held(String deliveryId, String endpointId, Duration heldBack) {
        return new PreparedAttempt(deliveryId, endpointId, 0, null, Duration.ZERO, null, null, heldBack);
    }

    static PreparedAttempt toSlowLane(String deliveryId, String endpointId) {
        return new PreparedAttempt(deliveryId, endpointId, 0, null, Duration.ZERO, null, null, null, true);
    }
}
