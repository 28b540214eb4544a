package io.hookgate.delivery.attempt;

import io.hookgate.delivery.channel.OutboundMessage;
import io.hookgate.endpoint.RetryPolicy;

import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.time.Duration;
import java.util.List;

/**
 * Everything one attempt needs, read in the short transaction that claimed the delivery under {@code leaseId}, so that
 * no database work overlaps the call. {@code refusal} is set when the attempt must fail without a call (deleted or
 * disabled endpoint; the SSRF guard, which resolves DNS, runs after this, on the worker thread). {@code slowLane} is the lane its doorbell came on, where a retry rings; {@code test} marks an admin's test send.
 * {@code eventType} and {@code traceParent} (the event's stored trace context, or null) name and parent its span.
 */
record PreparedAttempt(String deliveryId, String endpointId, String leaseId, int attemptNumber, OutboundMessage message,
                       Duration timeout, String refusal, RetryPolicy retryPolicy, boolean slowLane, boolean test,
                       String eventType, String traceParent, List<IpSubnetFilterRule> blockedDestinations) implements Preparation {

    /** The same attempt sending {@code other} (the message with its trace header). */
    PreparedAttempt sending(OutboundMessage other) {
        return new PreparedAttempt(deliveryId, endpointId, leaseId, attemptNumber, other, timeout, refusal, retryPolicy, slowLane,
                test, eventType, traceParent, blockedDestinations);
    }
}
