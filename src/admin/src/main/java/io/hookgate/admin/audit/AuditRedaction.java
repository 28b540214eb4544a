package io.hookgate.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.net.URI;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the audit log keeps of a request body: its fields, with every secret and credential replaced by
 * {@code "[redacted]"}: fields named like a secret (secret, token, password, credential, authorization, API key,
 * signing), the values of custom headers (names kept), and the credential part of Discord and Slack webhook URLs.
 */
final class AuditRedaction {

    static final TextNode REDACTED = TextNode.valueOf("[redacted]");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(secret|token|password|passwd|credential|authorization|api[_-]?key|signing|private[_-]?key|cookie).*");
    private static final Pattern HEADERS = Pattern.compile("(?i)(custom_?)?headers");
    private static final Pattern CREDENTIAL_URL_HOST = Pattern.compile("(?i)(.*\\.)?(discord(app)?\\.com|hooks\\.slack\\.com)");

    private AuditRedaction() {
    }

    static JsonNode redact(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), redactField(field.getKey(), field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(redact(item)));
            return copy;
        }
        return node;
    }

    private static JsonNode redactField(String name, JsonNode value) {
        if (value.isNull()) {
            return value;
        }
        if (SECRET_NAME.matcher(name).matches()) {
            return REDACTED;
        }
        if (HEADERS.matcher(name).matches() && value.isObject()) {
            ObjectNode names = JsonNodeFactory.instance.objectNode();
            value.fieldNames().forEachRemaining(header -> names.set(header, REDACTED));
            return names;
        }
        if (value.isTextual() && name.toLowerCase().contains("url")) {
            return TextNode.valueOf(url(value.asText()));
        }
        return redact(value);
    }

    /** A Discord or Slack webhook URL carries its credential in its path: only scheme and host are kept. */
    private static String url(String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getHost() != null && CREDENTIAL_URL_HOST.matcher(uri.getHost()).matches()) {
                return uri.getScheme() + "://" + uri.getHost() + "/[redacted]";
            }
            return text;
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
