package io.hookgate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every event payload must fit so that it can be stored, listed and delivered: nested at most {@link #MAX_DEPTH}
 * levels, numbers of at most {@link #MAX_NUMBER_DIGITS} digits when written out in full (the envelope writes decimals
 * plainly, so {@code 1e1000} would be a thousand and one digits), and no NUL character (PostgreSQL's jsonb refuses
 * it). A payload beyond them is refused when it is submitted, never found out at delivery.
 */
public final class PayloadLimits {

    /** Levels of objects and arrays inside the payload; the outbound envelope adds two. */
    public static final int MAX_DEPTH = 32;
    /** Digits of a number written without an exponent: far beyond any amount (numeric(38, 18) holds 38). */
    public static final int MAX_NUMBER_DIGITS = 100;

    private PayloadLimits() {
    }

    /** Each limit the payload breaks, as {@code payload.path: what is wrong}; empty when it fits. */
    public static List<String> violations(JsonNode payload) {
        List<String> found = new ArrayList<>();
        check(payload, "payload", 0, found);
        return found;
    }

    private static void check(JsonNode node, String path, int depth, List<String> found) {
        if (found.size() >= 10) {
            return;
        }
        if (node.isContainerNode()) {
            if (depth >= MAX_DEPTH) {
                found.add(path + ": nested deeper than " + MAX_DEPTH + " levels");
                return;
            }
            if (node.isObject()) {
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (field.getKey().indexOf('\0') >= 0) {
                        found.add(path + ": a field name contains the NUL character");
                    }
                    check(field.getValue(), path + "." + field.getKey(), depth + 1, found);
                }
            } else {
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), path + "[" + i + "]", depth + 1, found);
                }
            }
        } else if (node.isNumber() && digits(node) > MAX_NUMBER_DIGITS) {
            found.add(path + ": a number of more than " + MAX_NUMBER_DIGITS + " digits");
        } else if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
            found.add(path + ": contains the NUL character");
        }
    }

    /** Digits of the number written out without an exponent. */
    private static long digits(JsonNode number) {
        if (number.isIntegralNumber()) {
            return number.isBigInteger() ? number.bigIntegerValue().abs().toString().length() : 19;
        }
        if (!number.isBigDecimal()) {
            return 0;
        }
        BigDecimal value = number.decimalValue();
        long integerDigits = Math.max(1, (long) value.precision() - value.scale());
        long fractionDigits = Math.max(0, value.scale());
        return integerDigits + fractionDigits;
    }
}
