package io.hookgate.ingest.common;

import io.hookgate.auth.ApiKeyHasher;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.function.Function;

/** Finds which configured source an {@code X-API-Key} belongs to, by its SHA-256, compared in constant time. */
public final class ApiKeySources {

    private ApiKeySources() {
    }

    /** The source whose key hash matches; a missing or unknown key is WEBHOOK_001. {@code kind} names sources in errors. */
    public static <S> Map.Entry<String, S> find(Map<String, S> sources, Function<S, String> keyHash, String apiKey, String kind) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new WebhookException(WebhookError.WEBHOOK_001, "X-API-Key missing");
        }
        byte[] hash = ApiKeyHasher.hash(apiKey.trim()).getBytes(StandardCharsets.UTF_8);
        return sources.entrySet().stream()
                .filter(e -> MessageDigest.isEqual(keyHash.apply(e.getValue()).getBytes(StandardCharsets.UTF_8), hash))
                .findFirst()
                .orElseThrow(() -> new WebhookException(WebhookError.WEBHOOK_001, "X-API-Key is not a known " + kind + "'s key"));
    }
}
