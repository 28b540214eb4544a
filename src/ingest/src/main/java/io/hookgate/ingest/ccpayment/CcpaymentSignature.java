package io.hookgate.ingest.ccpayment;

import io.hookgate.ingest.common.HexSignature;
import io.hookgate.ingest.common.TimestampWindow;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import java.time.Clock;

/** Verifies {@code X-CC-Signature: sha256=<hex HMAC-SHA256 of the raw body>} in constant time. */
final class CcpaymentSignature {

    private CcpaymentSignature() {
    }

    /** Everything checked before a CCPayment body is read: its size, X-CC-Timestamp, then X-CC-Signature. */
    static void verifyCall(CcpaymentConfig config, byte[] rawBody, String signature, String timestamp) {
        WebhookException.requireBodySize(rawBody, config.maxBodyBytes());
        TimestampWindow.check(timestamp, config.timestampToleranceSeconds(), Clock.systemUTC());
        verify(rawBody, signature, config.secret());
    }

    static void verify(byte[] rawBody, String header, String secret) {
        if (header == null || !header.startsWith(HexSignature.PREFIX)) {
            throw new WebhookException(WebhookError.WEBHOOK_001, "X-CC-Signature missing or not sha256=<hex>");
        }
        HexSignature.verify(rawBody, header, secret, "X-CC-Signature");
    }
}
