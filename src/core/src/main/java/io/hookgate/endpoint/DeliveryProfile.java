package io.hookgate.endpoint;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The envelope and signature headers a webhook endpoint's receiver expects. Every profile also carries the Standard
 * Webhooks headers ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}); the others add what a
 * receiver written against one source document checks:
 * <ul>
 *   <li>{@code standard}: Hookgate's envelope, and {@code X-Webhook-Signature: sha256=<hex of timestamp.body>};</li>
 *   <li>{@code seed000}: {@code {event, timestamp, data, metadata: {source, version, webhookId}}} with seed 000's event
 *       names, {@code X-Webhook-Signature: sha256=<hex of body>};</li>
 *   <li>{@code seed001}: {@code {event, timestamp: <Unix seconds>, data, source}}, {@code X-Webhook-Signature:
 *       sha256=<hex of body>} and the secret itself in {@code X-Webhook-Secret} (seed 001's receivers compare it);</li>
 *   <li>{@code seed002}: {@code {event, timestamp, data}} (the test event named {@code test}), {@code X-V2K-Signature:
 *       <hex of body>} and {@code X-V2K-Event};</li>
 *   <li>{@code seed003}: {@code {event, timestamp, data, webhook_id}}, {@code X-Webhook-Signature: <hex of body>};</li>
 *   <li>{@code seed004}: {@code {event_id, timestamp, webhook: {id, name}, data: {event_type, …}}},
 *       {@code X-Webhook-Signature: sha256=<hex of timestamp.body>} and {@code X-Webhook-Timestamp}.</li>
 * </ul>
 */
@RegisterForReflection
public enum DeliveryProfile {
    STANDARD, SEED000, SEED001, SEED002, SEED003, SEED004;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryProfile> of(String wireName) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(wireName)).findFirst();
    }

    /** The wire names, for documentation and validation messages. */
    public static final String NAMES = "standard, seed000, seed001, seed002, seed003 or seed004";
    public static final String PATTERN = "standard|seed000|seed001|seed002|seed003|seed004";
}
