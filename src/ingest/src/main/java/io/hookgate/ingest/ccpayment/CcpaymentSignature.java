package io.hookgate.ingest.ccpayment;

import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.hookgate.signing.Hmac;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Verifies {@code X-CC-Signature: sha256=<hex HMAC-SHA256 of the raw body>} in constant time. */
final class CcpaymentSignature {

    private static final String PREFIX = "sha256=";

    private CcpaymentSignature() {
    }

    static void verify(byte[] rawBody, String header, String secret) {
        if (header == null || !header.startsWith(PREFIX)) {
            throw new WebhookException(WebhookError.WEBHOOK_001, "X-CC-Signature missing or not sha256=<hex>");
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            throw new WebhookException(WebhookError.WEBHOOK_001, "X-CC-Signature is not hex");
        }
        byte[] expected = Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), rawBody);
        if (!Hmac.constantTimeEquals(expected, given)) {
            throw new WebhookException(WebhookError.WEBHOOK_001, null);
        }
    }
}
