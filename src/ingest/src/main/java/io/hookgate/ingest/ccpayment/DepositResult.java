package io.hookgate.ingest.ccpayment;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.math.BigDecimal;

/** The {@code data} of seed 000's deposit response. {@code processed} is false for a duplicate. */
@RegisterForReflection
public record DepositResult(boolean processed, BigDecimal dgtCredited, BigDecimal conversionRate, Object userId, String internalTxId) {

    public DepositResult asDuplicate() {
        return new DepositResult(false, dgtCredited, conversionRate, userId, internalTxId);
    }
}
