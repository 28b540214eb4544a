package io.hookgate.delivery.attempt;

import io.hookgate.endpoint.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Everything one attempt needs, read in one short transaction so that no database work overlaps the HTTP call.
 * {@code heldBack} is set when the endpoint's circuit is open: the delivery waits that long without an attempt.
 */
record PreparedAttempt(String deliveryId, String endpointId, int attemptNumber, URI url, Map<String, String> headers,
                       byte[] body, Duration timeout, String refusal, RetryPolicy retryPolicy, Duration heldBack) {

    static PreparedAttempt held(String deliveryId, String endpointId, Duration heldBack) {
        return new PreparedAttempt(deliveryId, endpointId, 0, null, Map.of(), new byte[0], Duration.ZERO, null, null, heldBack);
    }
}
