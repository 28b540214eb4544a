package io.hookgate.ingest.ccpayment;

import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import java.math.BigDecimal;

/** CCPayment's decimal strings ({@code "0.025000000000000000"}): at most 18 decimals and 20 integer digits. */
final class CryptoAmount {

    private CryptoAmount() {
    }

    /** The value of {@code field}; positive unless {@code zeroAllowed}; anything else is WEBHOOK_007. */
    static BigDecimal parse(String field, String text, boolean zeroAllowed) {
        BigDecimal value;
        try {
            value = new BigDecimal(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new WebhookException(WebhookError.WEBHOOK_007, field + " must be a decimal string");
        }
        if (value.signum() < 0 || value.signum() == 0 && !zeroAllowed || value.scale() > 18 || value.precision() - value.scale() > 20) {
            throw new WebhookException(WebhookError.WEBHOOK_007, field + " must be " + (zeroAllowed ? "zero or positive" : "positive")
                    + " with at most 18 decimals");
        }
        return value;
    }
}
