package io.hookgate.ingest.ccpayment;

import io.hookgate.signing.Hmac;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds deposit callbacks as CCPayment sends them, signed with the test secret. */
final class SignedDeposit {

    static final String SECRET = "test-ccpayment-secret";

    private SignedDeposit() {
    }

    static String body(String orderId, String userId, String coin, String amount) {
        return body(orderId, userId, coin, amount, 12);
    }

    /** A deposit with {@code confirmations} of the 12 required. */
    static String body(String orderId, String userId, String coin, String amount, int confirmations) {
        return """
                {"event":"deposit_confirmed","order_id":"%s","transaction_hash":"0x1234567890abcdef","coin":"%s",
                 "amount":"%s","usd_value":87.50,"confirmations":%d,"required_confirmations":12,"network":"ethereum",
                 "to_address":"0x742d35Cc6634C0532925a3b8D321140A5b8fE899","from_address":"0x123456789abcdef",
                 "block_height":18500000,"timestamp":"2025-01-01T12:00:00Z",
                 "metadata":{"user_id":"%s","internal_order_id":"dgt_deposit_def456"}}""".formatted(orderId, coin, amount, confirmations, userId);
    }

    static String signature(String body) {
        return "sha256=" + HexFormat.of().formatHex(Hmac.sha256(SECRET.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
    }

    static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }
}
