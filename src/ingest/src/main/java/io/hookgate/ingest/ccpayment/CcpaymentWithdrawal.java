package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.Map;

/** The body of CCPayment's withdrawal callback (seed 000). */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record CcpaymentWithdrawal(
        String event,
        @JsonProperty("withdrawal_id") String withdrawalId,
        @JsonProperty("transaction_hash") String transactionHash,
        String coin,
        String amount,
        String fee,
        String status,
        @JsonProperty("to_address") String toAddress,
        @JsonProperty("block_height") Long blockHeight,
        Integer confirmations,
        String timestamp,
        String reason,
        Map<String, Object> metadata) {

    /** The states a withdrawal moves through, and the event name CCPayment sends for each. */
    @RegisterForReflection
    enum State {
        REQUESTED, COMPLETED, FAILED;

        String wireName() {
            return name().toLowerCase();
        }

        static State ofEvent(String event) {
            for (State state : values()) {
                if (("withdrawal_" + state.wireName()).equals(event)) {
                    return state;
                }
            }
            throw new WebhookException(WebhookError.WEBHOOK_003, "'" + event + "' is not a withdrawal event "
                    + "(withdrawal_requested, withdrawal_completed or withdrawal_failed)");
        }
    }

    /** A checked withdrawal: the state it reports, with amounts parsed. */
    @RegisterForReflection
    record Checked(CcpaymentWithdrawal body, State state, String coin, BigDecimal amount, BigDecimal fee, String userId) {
    }

    /** Checks what the state change depends on; anything missing or malformed is WEBHOOK_007, an unknown event WEBHOOK_003. */
    Checked checked() {
        if (event == null) {
            throw invalid("event is required");
        }
        State state = State.ofEvent(event);
        if (status != null && !status.equals(state.wireName())) {
            throw invalid("status '" + status + "' contradicts event " + event);
        }
        CcpaymentFields.id("withdrawal_id", withdrawalId);
        if (coin == null || !coin.matches("[A-Za-z0-9]{2,12}")) {
            throw invalid("coin must be 2 to 12 letters or digits");
        }
        String user = CcpaymentFields.userId(metadata);
        CcpaymentFields.optional("transaction_hash", transactionHash, 200);
        CcpaymentFields.optional("to_address", toAddress, 200);
        CcpaymentFields.optional("reason", reason, 1000);
        if (state == State.COMPLETED && (transactionHash == null || transactionHash.isBlank())) {
            throw invalid("transaction_hash is required for a completed withdrawal");
        }
        return new Checked(this, state, coin.toUpperCase(), CryptoAmount.parse("amount", amount, false),
                fee == null ? BigDecimal.ZERO : CryptoAmount.parse("fee", fee, true), user);
    }

    private static WebhookException invalid(String detail) {
        return new WebhookException(WebhookError.WEBHOOK_007, detail);
    }
}
