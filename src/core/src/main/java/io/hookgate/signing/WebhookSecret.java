package io.hookgate.signing;

import io.hookgate.core.RandomBytes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An endpoint signing secret: Hookgate's own are in the Standard Webhooks form {@code whsec_<base64 of 32 random
 * bytes>}; a caller may bring its own (seeds 000 and 001), in that form or as any strong string.
 */
public record WebhookSecret(String value) {

    private static final String PREFIX = "whsec_";
    private static final int MIN_LENGTH = 16;
    private static final int MIN_DISTINCT = 8;

    public WebhookSecret {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret is not empty");
        }
    }

    /**
     * A caller's own secret, or why it is refused: {@code whsec_} and base64 of 16 to 64 bytes, or 16 to 128 printable
     * ASCII characters without spaces, at least 8 of them different.
     */
    public static WebhookSecret chosen(String value) {
        if (value.startsWith(PREFIX)) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value.substring(PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("after whsec_ comes base64 of 16 to 64 random bytes");
            }
            if (key.length < 16 || key.length > 64) {
                throw new IllegalArgumentException("after whsec_ comes base64 of 16 to 64 random bytes");
            }
            return new WebhookSecret(value);
        }
        if (value.length() < MIN_LENGTH || value.length() > 128 || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("is 16 to 128 printable ASCII characters without spaces, or whsec_ and base64");
        }
        if (value.chars().distinct().count() < MIN_DISTINCT) {
            throw new IllegalArgumentException("is too easy to guess: use at least 8 different characters, ideally random");
        }
        return new WebhookSecret(value);
    }

    /** Whether it has the Standard Webhooks form, {@code whsec_} and base64. */
    public boolean standardForm() {
        if (!value.startsWith(PREFIX)) {
            return false;
        }
        try {
            Base64.getDecoder().decode(value.substring(PREFIX.length()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static WebhookSecret generate() {
        byte[] key = RandomBytes.next(32);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /**
     * The HMAC key of the Standard Webhooks signature: the decoded bytes after the prefix, or the UTF-8 bytes of a
     * caller's secret in another form (what the standardwebhooks libraries take as a raw key).
     */
    public byte[] standardKey() {
        return standardForm() ? Base64.getDecoder().decode(value.substring(PREFIX.length())) : legacyKey();
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
