package io.hookgate.auth;

import io.hookgate.core.RandomBytes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Makes and hashes bearer API keys. Keys carry 256 random bits, so a fast unsalted SHA-256 is enough to make the
 * stored hash useless to an attacker while keeping the per-request lookup a single indexed equality.
 */
public final class ApiKeyHasher {


    private ApiKeyHasher() {
    }

    /** A new key: {@code hg_<role>_<base64url of 32 random bytes>}. */
    public static String newKey(String role) {
        byte[] raw = RandomBytes.next(32);
        return "hg_" + role + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part of a key that may be shown and logged to identify it. */
    public static String prefix(String key) {
        return key.substring(0, Math.min(key.length(), 12));
    }
}
