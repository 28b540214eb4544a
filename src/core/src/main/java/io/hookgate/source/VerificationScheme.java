package io.hookgate.source;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an inbound source signs its calls, with where each scheme's providers put the event type and unique id unless
 * the source says otherwise.
 * <ul>
 *   <li>{@code standard_webhooks}: {@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,<base64>}
 *       over {@code id.timestamp.body}, secret {@code whsec_<base64>}.</li>
 *   <li>{@code stripe}: {@code Stripe-Signature: t=<unix>,v1=<hex>} over {@code t.body}.</li>
 *   <li>{@code github}: {@code X-Hub-Signature-256: sha256=<hex>} over the body; type in {@code X-GitHub-Event}, id in
 *       {@code X-GitHub-Delivery}.</li>
 *   <li>{@code hmac_hex}, {@code hmac_base64}: an HMAC-SHA256 of the body in a header the source names.</li>
 * </ul>
 */
@RegisterForReflection
public enum VerificationScheme {
    STANDARD_WEBHOOKS("/type", "header:webhook-id"),
    STRIPE("/type", "/id"),
    GITHUB("header:X-GitHub-Event", "header:X-GitHub-Delivery"),
    HMAC_HEX("/type", "/id"),
    HMAC_BASE64("/type", "/id");

    private final String defaultEventTypeFrom;
    private final String defaultDedupeIdFrom;

    VerificationScheme(String defaultEventTypeFrom, String defaultDedupeIdFrom) {
        this.defaultEventTypeFrom = defaultEventTypeFrom;
        this.defaultDedupeIdFrom = defaultDedupeIdFrom;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String defaultEventTypeFrom() {
        return defaultEventTypeFrom;
    }

    public String defaultDedupeIdFrom() {
        return defaultDedupeIdFrom;
    }

    /** Whether the source must name the header that carries the signature. */
    public boolean needsSignatureHeader() {
        return this == HMAC_HEX || this == HMAC_BASE64;
    }

    public static Optional<VerificationScheme> of(String wireName) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wireName)).findFirst();
    }
}
