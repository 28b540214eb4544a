package io.hookgate.ingest.ccpayment;

import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * CCPayment's decimal strings ({@code "0.025000000000000000"}): ASCII digits, at most 20 integer digits and 18
 * decimals, which is what {@code numeric(38, 18)} holds. No exponent ({@code 1e2}), sign, spaces or other digits.
 */
final class CryptoAmount {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,20}(\\.[0-9]{1,18})?");

    private CryptoAmount() {
    }

    /** The value of {@code field}; positive unless {@code zeroAllowed}; anything else is WEBHOOK_007. */
    static BigDecimal parse(String field, String text, boolean zeroAllowed) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new WebhookException(WebhookError.WEBHOOK_007, field + " must be a decimal string such as \"0.025\" "
                    + "(digits 0-9, at most 20 before the point and 18 after it)");
        }
        BigDecimal value = new BigDecimal(text);
        if (value.signum() == 0 && !zeroAllowed) {
            throw new WebhookException(WebhookError.WEBHOOK_007, field + " must be positive");
        }
        return value;
    }
}
