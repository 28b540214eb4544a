package io.hookgate.delivery;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Where a delivery stands: PENDING before its first attempt, FAILED while retries remain. */
@RegisterForReflection
public enum DeliveryStatus {
    PENDING, SUCCESS, FAILED, RETRY_EXHAUSTED
}
