package io.hookgate.ingest.ccpayment;

import io.hookgate.ingest.common.HexSignature;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

/** Verifies {@code X-CC-Signature: sha256=<hex HMAC-SHA256 of the raw body>} in constant time. */
final class CcpaymentSignature {

    private CcpaymentSignature() {
    }

    static void verify(byte[] rawBody, String header, String secret) {
        if (header == null || !header.startsWith(HexSignature.PREFIX)) {
            throw new WebhookException(WebhookError.WEBHOOK_001, "X-CC-Signature missing or not sha256=<hex>");
        }
        HexSignature.verify(rawBody, header, secret, "X-CC-Signature");
    }
}
