package io.hookgate.ingest.ccpayment;

import io.hookgate.core.input.RequestText;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;

import java.math.BigInteger;
import java.util.Map;

/**
 * The identifier fields CCPayment callbacks share, checked the same way for deposits and withdrawals: present, printable
 * and short enough for the indexes they key ({@value #MAX_ID} characters), and a user id that is a string or a whole
 * number, never a decimal, boolean, object or array (so {@code 123.0} cannot become another account than {@code 123}).
 */
final class CcpaymentFields {

    static final int MAX_ID = 128;

    private CcpaymentFields() {
    }

    /** A required identifier such as {@code order_id}. */
    static String id(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field + " is required");
        }
        return optional(field, value, MAX_ID);
    }

    /** An optional text field of at most {@code max} printable characters. */
    static String optional(String field, String value, int max) {
        if (value != null && (value.length() > max || RequestText.hasControlCharacter(value))) {
            throw invalid(field + " must be at most " + max + " printable characters");
        }
        return value;
    }

    /** {@code metadata.user_id}: a non-blank string or a non-negative whole number, as text. */
    static String userId(Map<String, Object> metadata) {
        Object id = metadata == null ? null : metadata.get("user_id");
        if (id == null) {
            throw invalid("metadata.user_id is required");
        }
        if (id instanceof Integer || id instanceof Long || id instanceof BigInteger) {
            String digits = id.toString();
            if (digits.startsWith("-") || digits.length() > 18) {
                throw invalid("metadata.user_id must be a whole number from 0 to 18 digits, or a string");
            }
            return digits;
        }
        if (id instanceof String text) {
            return id("metadata.user_id", text);
        }
        throw invalid("metadata.user_id must be a string or a whole number, not " + kind(id));
    }

    private static String kind(Object value) {
        return value instanceof Boolean ? "a boolean" : value instanceof Map<?, ?> ? "an object"
                : value instanceof java.util.List<?> ? "an array" : "a decimal";
    }

    static WebhookException invalid(String detail) {
        return new WebhookException(WebhookError.WEBHOOK_007, detail);
    }
}
