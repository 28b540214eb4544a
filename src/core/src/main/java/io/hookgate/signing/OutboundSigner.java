package io.hookgate.signing;

import io.hookgate.endpoint.DeliveryProfile;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Signs an outbound webhook: always Standard Webhooks ({@code webhook-signature: v1,<base64 HMAC of
 * id.timestamp.body>}), plus the headers of the endpoint's {@link DeliveryProfile}. Every signature carries one entry
 * per active secret during a rotation (current first, separated by a space, as Standard Webhooks does); the seeds'
 * HMACs are keyed with the secret string itself, as their receivers use it.
 */
public final class OutboundSigner {

    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";
    public static final String X_WEBHOOK_SIGNATURE = "X-Webhook-Signature";
    public static final String X_WEBHOOK_TIMESTAMP = "X-Webhook-Timestamp";
    public static final String X_V2K_SIGNATURE = "X-V2K-Signature";
    public static final String X_WEBHOOK_SECRET = "X-Webhook-Secret";

    /** Headers that carry a signature or the secret: redacted in the attempt log. */
    public static final List<String> CREDENTIALS = List.of(WEBHOOK_SIGNATURE, X_WEBHOOK_SIGNATURE, X_V2K_SIGNATURE, X_WEBHOOK_SECRET);

    private static final byte[] DOT = {'.'};

    private OutboundSigner() {
    }

    /** The {@code standard} profile's headers. */
    public static Map<String, String> headers(String messageId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
        return headers(DeliveryProfile.STANDARD, messageId, timestampSeconds, body, secrets);
    }

    /** The signing headers; {@code secrets} holds the current secret first, then any still inside its rotation window. */
    public static Map<String, String> headers(DeliveryProfile profile, String messageId, long timestampSeconds, byte[] body,
                                              List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs a webhook");
        }
        String timestamp = Long.toString(timestampSeconds);
        byte[] ts = timestamp.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WEBHOOK_ID, messageId);
        headers.put(WEBHOOK_TIMESTAMP, timestamp);
        headers.put(WEBHOOK_SIGNATURE, each(secrets, s -> "v1," + Base64.getEncoder().encodeToString(
                Hmac.sha256(s.standardKey(), messageId.getBytes(StandardCharsets.UTF_8), DOT, ts, DOT, body))));
        switch (profile) {
            case STANDARD, SEED004 -> {
                headers.put(X_WEBHOOK_SIGNATURE, each(secrets, s -> "sha256=" + hex(s, ts, DOT, body)));
                headers.put(X_WEBHOOK_TIMESTAMP, timestamp);
            }
            case SEED000 -> {
                headers.put(X_WEBHOOK_SIGNATURE, each(secrets, s -> "sha256=" + hex(s, body)));
                headers.put(X_WEBHOOK_TIMESTAMP, timestamp);
            }
            case SEED001 -> {
                headers.put(X_WEBHOOK_SIGNATURE, each(secrets, s -> "sha256=" + hex(s, body)));
                headers.put(X_WEBHOOK_SECRET, each(secrets, WebhookSecret::value));
                headers.put(X_WEBHOOK_TIMESTAMP, timestamp);
            }
            case SEED002 -> headers.put(X_V2K_SIGNATURE, each(secrets, s -> hex(s, body)));
            case SEED003 -> headers.put(X_WEBHOOK_SIGNATURE, each(secrets, s -> hex(s, body)));
        }
        return headers;
    }

    private static String hex(WebhookSecret secret, byte[]... parts) {
        return HexFormat.of().formatHex(Hmac.sha256(secret.legacyKey(), parts));
    }

    private static String each(List<WebhookSecret> secrets, Function<WebhookSecret, String> signature) {
        return secrets.stream().map(signature).collect(Collectors.joining(" "));
    }
}
