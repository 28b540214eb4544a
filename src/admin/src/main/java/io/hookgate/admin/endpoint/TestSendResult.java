package io.hookgate.admin.endpoint;

import io.hookgate.admin.delivery.DeliveryView;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a test send did: {@code success} when the endpoint answered 2xx; {@code status} SUCCESS or FAILED, or PENDING
 * when the attempt had not happened in time (then look the delivery up later). {@code attempt} is the logged attempt:
 * request headers (signatures redacted), response status, headers and body (first 4 KB), duration and error.
 */
@RegisterForReflection
public record TestSendResult(boolean success, String status, String deliveryId, String eventId, String event,
                             DeliveryView.AttemptView attempt) {
}
