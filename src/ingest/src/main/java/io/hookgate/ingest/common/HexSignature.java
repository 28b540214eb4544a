package io.hookgate.ingest.common;

import io.hookgate.signing.Hmac;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Verifies a hex HMAC-SHA256 of the raw body, with or without a {@code sha256=} prefix, in constant time. */
public final class HexSignature {

    public static final String PREFIX = "sha256=";

    private HexSignature() {
    }

    /** {@code header} names the header in error messages. Any mismatch is WEBHOOK_001. */
    public static void verify(byte[] rawBody, String value, String secret, String header) {
        if (value == null || value.isBlank()) {
            throw new WebhookException(WebhookError.WEBHOOK_001, header + " missing");
        }
        String hex = value.trim().startsWith(PREFIX) ? value.trim().substring(PREFIX.length()) : value.trim();
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new WebhookException(WebhookError.WEBHOOK_001, header + " is not hex");
        }
        byte[] expected = Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), rawBody);
        if (!Hmac.constantTimeEquals(expected, given)) {
            throw new WebhookException(WebhookError.WEBHOOK_001, null);
        }
    }
}
