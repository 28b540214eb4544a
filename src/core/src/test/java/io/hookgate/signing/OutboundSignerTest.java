package io.hookgate.signing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutboundSignerTest {

    static Map<String, List<String>> asHeaders(Map<String, String> headers) {
        return headers.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
    }

    @Test
    void theOfficialStandardWebhooksLibraryVerifiesOurSignature() throws Exception {
        WebhookSecret secret = WebhookSecret.generate();
        String body = "{\"event\":\"deposit.confirmed\",\"data\":{\"amount\":\"875.00\"}}";
        long now = System.currentTimeMillis() / 1000;
        Map<String, String> headers = OutboundSigner.headers("dlv_123", now, body.getBytes(StandardCharsets.UTF_8), List.of(secret));

        new Webhook(secret.value()).verify(body, asHeaders(headers));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret.value()).verify(body + " ", asHeaders(headers)));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(WebhookSecret.generate().value()).verify(body, asHeaders(headers)));
    }

    @Test
    void duringARotationBothSecretsVerify() throws Exception {
        WebhookSecret current = WebhookSecret.generate();
        WebhookSecret previous = WebhookSecret.generate();
        String body = "{}";
        Map<String, String> headers = OutboundSigner.headers("dlv_9", System.currentTimeMillis() / 1000,
                body.getBytes(StandardCharsets.UTF_8), List.of(current, previous));
        assertEquals(2, headers.get("webhook-signature").split(" ").length);
        new Webhook(current.value()).verify(body, asHeaders(headers));
        new Webhook(previous.value()).verify(body, asHeaders(headers));
    }

    @Test
    void xWebhookSignatureIsHexHmacOfTimestampDotBodyWithTheSecretString() {
        WebhookSecret secret = WebhookSecret.generate();
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = OutboundSigner.headers("dlv_1", 1_700_000_000L, body, List.of(secret));
        String expected = "sha256=" + HexFormat.of().formatHex(
                Hmac.sha256(secret.value().getBytes(StandardCharsets.UTF_8), "1700000000.{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, headers.get("X-Webhook-Signature"));
        assertEquals("1700000000", headers.get("X-Webhook-Timestamp"));
        assertEquals("dlv_1", headers.get("webhook-id"));
    }

    @Test
    void secretsAreWhsecWith32RandomBytes() {
        WebhookSecret secret = WebhookSecret.generate();
        assertTrue(secret.value().startsWith("whsec_"));
        assertEquals(32, secret.standardKey().length);
    }

    @Test
    void secretCipherRoundTripsAndDetectsTampering() {
        SecretCipher cipher = new SecretCipher(() -> "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=");
        String sealed = cipher.encrypt("whsec_abc");
        assertTrue(sealed.startsWith("v1:"));
        assertEquals("whsec_abc", cipher.decrypt(sealed));
        assertTrue(!sealed.equals(cipher.encrypt("whsec_abc")), "a fresh nonce each time");
        char[] chars = sealed.toCharArray();
        chars[10] = chars[10] == 'A' ? 'B' : 'A';
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(new String(chars)));
    }
}
