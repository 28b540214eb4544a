package io.hookgate.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.signing.SecretCipher;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An endpoint's custom headers. Values that are credentials (by name: Authorization, Cookie, anything with key, token,
 * secret, auth, password, signature or session) are stored sealed like endpoint secrets, shown by the API only as
 * {@value #SET} and redacted in attempt logs; sending {@value #SET} back (a GET, edited, then PUT) keeps the stored value.
 */
@ApplicationScoped
public class CustomHeaders {

    /** What the API shows instead of a credential's value. */
    public static final String SET = "(set)";
    private static final Pattern CREDENTIAL = Pattern.compile(
            "authorization|proxy-authorization|cookie|.*(key|token|secret|auth|password|passwd|credential|signature|session).*");
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() { };

    private final SecretCipher cipher;
    private final ObjectMapper json;

    public CustomHeaders(SecretCipher cipher, ObjectMapper json) {
        this.cipher = cipher;
        this.json = json;
    }

    public static boolean isCredential(String name) {
        return CREDENTIAL.matcher(name.toLowerCase(Locale.ROOT)).matches();
    }

    /** The names among {@code headers} that attempt logs must redact. */
    public static List<String> credentials(Map<String, String> headers) {
        return headers.keySet().stream().filter(CustomHeaders::isCredential).toList();
    }

    /** Every header with its real value, for sending. */
    public Map<String, String> of(Endpoint endpoint) {
        String stored = endpoint.headersCiphertext != null ? cipher.decrypt(endpoint.headersCiphertext) : endpoint.headers;
        return stored == null ? Map.of() : read(stored);
    }

    /**
     * Stores {@code requested} on the endpoint, sealed, keeping a credential's current value where the request says
     * {@value #SET}. Answers the name of a {@value #SET} header that has no stored value, or null when all is stored.
     */
    public String store(Endpoint endpoint, Map<String, String> requested) {
        Map<String, String> current = of(endpoint);
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : (requested == null ? Map.<String, String>of() : requested).entrySet()) {
            String value = header.getValue();
            if (SET.equals(value)) {
                value = current.get(header.getKey());
                if (value == null || !isCredential(header.getKey())) {
                    return header.getKey();
                }
            }
            headers.put(header.getKey(), value);
        }
        Map<String, String> shown = new LinkedHashMap<>();
        headers.forEach((name, value) -> shown.put(name, isCredential(name) ? SET : value));
        endpoint.headers = write(shown);
        endpoint.headersCiphertext = headers.isEmpty() ? null : cipher.encrypt(write(headers));
        return null;
    }

    private Map<String, String> read(String text) {
        try {
            Map<String, String> headers = json.readValue(text, MAP);
            return headers == null ? Map.of() : headers;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable custom headers", e);
        }
    }

    private String write(Map<String, String> headers) {
        try {
            return json.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
