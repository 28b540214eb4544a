package io.hookgate.ingest.source;

import io.hookgate.ingest.common.TimestampWindow;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.hookgate.signing.Hmac;
import io.hookgate.signing.WebhookSecret;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

/**
 * Verifies a call to a registered source with the source's scheme: an HMAC-SHA256 computed here over exactly what
 * the provider signs, compared in constant time with each signature the call carries. A missing, malformed or
 * mismatching signature is WEBHOOK_001; a signed timestamp outside the source's window is WEBHOOK_002.
 */
final class SourceSignatures {

    static final String STANDARD_ID = "webhook-id";
    static final String STANDARD_TIMESTAMP = "webhook-timestamp";
    static final String STANDARD_SIGNATURE = "webhook-signature";
    static final String STRIPE_SIGNATURE = "Stripe-Signature";
    static final String GITHUB_SIGNATURE = "X-Hub-Signature-256";

    private static final byte[] DOT = {'.'};

    private SourceSignatures() {
    }

    static void verify(RegisteredSource source, byte[] body, Function<String, String> headers, Clock clock) {
        switch (source.scheme()) {
            case STANDARD_WEBHOOKS -> standardWebhooks(source, body, headers, clock);
            case STRIPE -> stripe(source, body, headers, clock);
            case GITHUB -> requireMatch(Hmac.sha256(utf8(source.secret()), body),
                    List.of(decodeHex(prefixed(headers, GITHUB_SIGNATURE, "sha256="), GITHUB_SIGNATURE)));
            case HMAC_HEX -> requireMatch(Hmac.sha256(utf8(source.secret()), body),
                    List.of(decodeHex(prefixed(headers, source.signatureHeader(), source.signaturePrefix()), source.signatureHeader())));
            case HMAC_BASE64 -> requireMatch(Hmac.sha256(utf8(source.secret()), body),
                    List.of(decodeBase64(prefixed(headers, source.signatureHeader(), source.signaturePrefix()), source.signatureHeader())));
        }
    }

    /** {@code webhook-signature: v1,<base64> v1,<base64>} over {@code id.timestamp.body}, keyed by the decoded {@code whsec_}. */
    private static void standardWebhooks(RegisteredSource source, byte[] body, Function<String, String> headers, Clock clock) {
        String id = required(headers, STANDARD_ID);
        String timestamp = required(headers, STANDARD_TIMESTAMP);
        List<byte[]> given = new ArrayList<>();
        for (String entry : required(headers, STANDARD_SIGNATURE).trim().split("\\s+")) {
            if (entry.startsWith("v1,")) {
                given.add(decodeBase64(entry.substring(3), STANDARD_SIGNATURE));
            }
        }
        byte[] expected = Hmac.sha256(new WebhookSecret(source.secret()).standardKey(), utf8(id), DOT, utf8(timestamp), DOT, body);
        requireMatch(expected, given);
        TimestampWindow.check(timestamp, source.timestampToleranceSeconds(), clock);
    }

    /** {@code Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]} over {@code t.body}, keyed by the secret as given. */
    private static void stripe(RegisteredSource source, byte[] body, Function<String, String> headers, Clock clock) {
        String timestamp = null;
        List<byte[]> given = new ArrayList<>();
        for (String part : required(headers, STRIPE_SIGNATURE).split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            switch (pair[0]) {
                case "t" -> timestamp = pair[1];
                case "v1" -> given.add(decodeHex(pair[1], STRIPE_SIGNATURE));
                default -> { }
            }
        }
        if (timestamp == null) {
            throw new WebhookException(WebhookError.WEBHOOK_001, STRIPE_SIGNATURE + " has no t=");
        }
        requireMatch(Hmac.sha256(utf8(source.secret()), utf8(timestamp), DOT, body), given);
        TimestampWindow.check(timestamp, source.timestampToleranceSeconds(), clock);
    }

    private static void requireMatch(byte[] expected, List<byte[]> given) {
        if (given.isEmpty()) {
            throw new WebhookException(WebhookError.WEBHOOK_001, "no signature of a supported version");
        }
        boolean matched = false;
        for (byte[] signature : given) {
            matched |= Hmac.constantTimeEquals(expected, signature);
        }
        if (!matched) {
            throw new WebhookException(WebhookError.WEBHOOK_001, null);
        }
    }

    private static String prefixed(Function<String, String> headers, String name, String prefix) {
        String value = required(headers, name).trim();
        if (prefix == null || prefix.isEmpty()) {
            return value;
        }
        if (!value.startsWith(prefix)) {
            throw new WebhookException(WebhookError.WEBHOOK_001, name + " does not start with " + prefix);
        }
        return value.substring(prefix.length());
    }

    private static String required(Function<String, String> headers, String name) {
        String value = headers.apply(name);
        if (value == null || value.isBlank()) {
            throw new WebhookException(WebhookError.WEBHOOK_001, name + " missing");
        }
        return value;
    }

    private static byte[] decodeHex(String value, String header) {
        try {
            return HexFormat.of().parseHex(value.trim());
        } catch (IllegalArgumentException e) {
            throw new WebhookException(WebhookError.WEBHOOK_001, header + " is not hex");
        }
    }

    private static byte[] decodeBase64(String value, String header) {
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new WebhookException(WebhookError.WEBHOOK_001, header + " is not base64");
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
