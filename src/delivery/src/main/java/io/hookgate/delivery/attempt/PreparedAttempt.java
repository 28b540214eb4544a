package io.hookgate.delivery.attempt;

import io.hookgate.endpoint.RetryPolicy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** Everything one attempt needs, read in one short session so that no database work overlaps the HTTP call. */
record PreparedAttempt(String deliveryId, String endpointId, int attemptNumber, URI url, Map<String, String> headers,
                       byte[] body, Duration timeout, String refusal, RetryPolicy retryPolicy) {
}
