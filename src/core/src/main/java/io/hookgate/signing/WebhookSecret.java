package io.hookgate.signing;

import io.hookgate.core.RandomBytes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** An endpoint signing secret in the Standard Webhooks form {@code whsec_<base64 of 32 random bytes>}. */
public record WebhookSecret(String value) {

    private static final String PREFIX = "whsec_";

    public WebhookSecret {
        if (value == null || !value.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a webhook secret starts with whsec_");
        }
    }

    public static WebhookSecret generate() {
        byte[] key = RandomBytes.next(32);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** The HMAC key of the Standard Webhooks signature: the decoded bytes after the prefix. */
    public byte[] standardKey() {
        return Base64.getDecoder().decode(value.substring(PREFIX.length()));
    }

    /** The HMAC key of X-Webhook-Signature: the whole secret string, as the source documents' receivers use it. */
    public byte[] legacyKey() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "WebhookSecret[redacted]";
    }
}
