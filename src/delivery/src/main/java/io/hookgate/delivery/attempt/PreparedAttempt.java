package io.hookgate.delivery.attempt;

import io.hookgate.delivery.channel.OutboundMessage;
import io.hookgate.endpoint.RetryPolicy;

import java.time.Duration;

/**
 * Everything one attempt needs, read in the short transaction that claimed the delivery under {@code leaseId}, so that
 * no database work overlaps the call. {@code refusal} is set when the attempt must fail without a call (deleted or
 * disabled endpoint; the SSRF guard, which resolves DNS, runs after this, on the worker thread). {@code slowLane} is the lane its doorbell came on, where a retry rings; {@code test} marks an admin's test send.
 */
record PreparedAttempt(String deliveryId, String endpointId, String leaseId, int attemptNumber, OutboundMessage message,
                       Duration timeout, String refusal, RetryPolicy retryPolicy, boolean slowLane, boolean test) implements Preparation {
}
