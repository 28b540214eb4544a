package io.hookgate.ingest.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;

/** Reads a raw webhook body; anything unreadable is WEBHOOK_007 with what is wrong, never a 500. */
public final class JsonBody {

    private JsonBody() {
    }

    public static <T> T read(ObjectMapper json, byte[] body, Class<T> type) {
        T value;
        try {
            value = json.readValue(body, type);
        } catch (MismatchedInputException e) {
            boolean trailing = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token");
            throw new WebhookException(WebhookError.WEBHOOK_007, trailing ? "Body is not valid JSON: content follows the JSON value"
                    : "A field has the wrong type: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new WebhookException(WebhookError.WEBHOOK_007, "Body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookException(WebhookError.WEBHOOK_007, "Body could not be read");
        }
        if (value == null) {
            throw new WebhookException(WebhookError.WEBHOOK_007, "the body must be a JSON object, not null or empty");
        }
        return value;
    }

    /** The body as a JSON object; another JSON value is WEBHOOK_007. */
    public static JsonNode readObject(ObjectMapper json, byte[] body) {
        JsonNode tree = read(json, body, JsonNode.class);
        if (!tree.isObject()) {   // read() has refused null already
            throw new WebhookException(WebhookError.WEBHOOK_007, "the body must be a JSON object");
        }
        return tree;
    }
}
