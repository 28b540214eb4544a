package io.hookgate.delivery;

/** Where a delivery stands: PENDING before its first attempt, FAILED while retries remain. */
public enum DeliveryStatus {
    PENDING, SUCCESS, FAILED, RETRY_EXHAUSTED
}
