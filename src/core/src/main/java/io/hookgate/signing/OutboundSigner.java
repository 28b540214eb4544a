package io.hookgate.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Signs an outbound webhook twice: Standard Webhooks ({@code webhook-signature: v1,<base64 HMAC of id.timestamp.body>},
 * one entry per active secret during a rotation) and the source documents' {@code X-Webhook-Signature: sha256=<hex HMAC of
 * timestamp.body>} with the current secret.
 */
public final class OutboundSigner {

    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";
    public static final String X_WEBHOOK_SIGNATURE = "X-Webhook-Signature";
    public static final String X_WEBHOOK_TIMESTAMP = "X-Webhook-Timestamp";

    private OutboundSigner() {
    }

    /** The signing headers; {@code secrets} holds the current secret first, then any still inside its rotation window. */
    public static Map<String, String> headers(String messageId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one secret signs a webhook");
        }
        byte[] ts = Long.toString(timestampSeconds).getBytes(StandardCharsets.UTF_8);
        byte[] dot = {'.'};
        String standard = secrets.stream()
                .map(s -> "v1," + Base64.getEncoder().encodeToString(
                        Hmac.sha256(s.standardKey(), messageId.getBytes(StandardCharsets.UTF_8), dot, ts, dot, body)))
                .collect(Collectors.joining(" "));
        String legacy = "sha256=" + HexFormat.of().formatHex(Hmac.sha256(secrets.getFirst().legacyKey(), ts, dot, body));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(WEBHOOK_ID, messageId);
        headers.put(WEBHOOK_TIMESTAMP, Long.toString(timestampSeconds));
        headers.put(WEBHOOK_SIGNATURE, standard);
        headers.put(X_WEBHOOK_SIGNATURE, legacy);
        headers.put(X_WEBHOOK_TIMESTAMP, Long.toString(timestampSeconds));
        return headers;
    }
}
