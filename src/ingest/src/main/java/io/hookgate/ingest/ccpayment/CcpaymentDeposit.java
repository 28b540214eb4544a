package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.Map;

/** The body of CCPayment's deposit callback (seed 000). */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record CcpaymentDeposit(
        String event,
        @JsonProperty("order_id") String orderId,
        @JsonProperty("transaction_hash") String transactionHash,
        String coin,
        String amount,
        @JsonProperty("usd_value") BigDecimal usdValue,
        Integer confirmations,
        @JsonProperty("required_confirmations") Integer requiredConfirmations,
        String network,
        @JsonProperty("to_address") String toAddress,
        @JsonProperty("from_address") String fromAddress,
        @JsonProperty("block_height") Long blockHeight,
        String timestamp,
        Map<String, Object> metadata) {

    public static final String EVENT = "deposit_confirmed";

    /** Checks the fields the credit depends on and returns the amount; anything missing is WEBHOOK_007. */
    BigDecimal validatedAmount() {
        if (event == null) {
            throw invalid("event is required");
        }
        if (!EVENT.equals(event)) {
            throw new WebhookException(WebhookError.WEBHOOK_003, "'" + event + "' is not a deposit event");
        }
        CcpaymentFields.id("order_id", orderId);
        if (blank(coin) || !coin.matches("[A-Za-z0-9]{2,12}")) {
            throw invalid("coin must be 2 to 12 letters or digits");
        }
        CcpaymentFields.userId(metadata);
        CcpaymentFields.optional("transaction_hash", transactionHash, 200);
        CcpaymentFields.optional("network", network, 64);
        CcpaymentFields.optional("to_address", toAddress, 200);
        CcpaymentFields.optional("from_address", fromAddress, 200);
        return CryptoAmount.parse("amount", amount, false);
    }

    /** The checked user id ({@link #validatedAmount()} runs first). */
    String userId() {
        return CcpaymentFields.userId(metadata);
    }

    boolean awaitingConfirmations() {
        return confirmations != null && requiredConfirmations != null && confirmations < requiredConfirmations;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static WebhookException invalid(String detail) {
        return new WebhookException(WebhookError.WEBHOOK_007, detail);
    }
}
