package io.hookgate.endpoint;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Seed 000's payload filters, a deliberately small language. {@code filters} is an object whose keys are dotted paths
 * into the event's data and whose values are one of:
 * <ul>
 *   <li>a scalar (string, number, boolean): the value at the path equals it;</li>
 *   <li>a non-empty list of scalars: the value at the path (or, for a list value, one of its items) is in it;</li>
 *   <li>{@code {"min": n, "max": m}} (either or both): the number at the path lies in the inclusive range.</li>
 * </ul>
 * Every filter must match; a missing path never matches. {@code {"userLevel": {"min": 5}, "forums": ["bitcoin-discussion"]}}.
 */
public final class PayloadFilter {

    public static final int MAX_FILTERS = 20;
    private static final String PATH = "[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*";
    private static final Set<String> RANGE_KEYS = Set.of("min", "max");

    private PayloadFilter() {
    }

    /** What is wrong with a filter object, as {@code field → message}; empty when it is valid. */
    public static List<Map.Entry<String, String>> problems(JsonNode filters) {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        if (filters == null || filters.isNull()) {
            return problems;
        }
        if (!filters.isObject()) {
            problems.add(Map.entry("filters", "must be an object of path: condition"));
            return problems;
        }
        if (filters.size() > MAX_FILTERS) {
            problems.add(Map.entry("filters", "at most " + MAX_FILTERS + " filters"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = filters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> filter = it.next();
            String field = "filters." + filter.getKey();
            if (!filter.getKey().matches(PATH)) {
                problems.add(Map.entry(field, "is not a dotted path such as user.level"));
                continue;
            }
            JsonNode condition = filter.getValue();
            if (condition.isArray()) {
                if (condition.isEmpty() || !allScalars(condition)) {
                    problems.add(Map.entry(field, "a list must hold at least one string, number or boolean"));
                }
            } else if (condition.isObject()) {
                rangeProblem(condition).ifPresent(message -> problems.add(Map.entry(field, message)));
            } else if (!condition.isValueNode() || condition.isNull()) {
                problems.add(Map.entry(field, "must be a value, a list of values or {min, max}"));
            }
        }
        return problems;
    }

    /** Whether an event's data passes every filter. */
    public static boolean matches(JsonNode filters, JsonNode data) {
        if (filters == null || filters.isNull() || filters.isEmpty()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = filters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> filter = it.next();
            JsonNode value = at(data, filter.getKey());
            if (value == null || !satisfies(filter.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean satisfies(JsonNode condition, JsonNode value) {
        if (condition.isObject()) {
            if (!value.isNumber() && !(value.isTextual() && isNumber(value.asText()))) {
                return false;
            }
            double number = value.asDouble();
            return (!condition.has("min") || number >= condition.get("min").asDouble())
                    && (!condition.has("max") || number <= condition.get("max").asDouble());
        }
        if (condition.isArray()) {
            if (value.isArray()) {
                for (JsonNode item : value) {
                    if (contains(condition, item)) {
                        return true;
                    }
                }
                return false;
            }
            return contains(condition, value);
        }
        return sameScalar(condition, value);
    }

    private static boolean contains(JsonNode list, JsonNode value) {
        for (JsonNode candidate : list) {
            if (sameScalar(candidate, value)) {
                return true;
            }
        }
        return false;
    }

    /** Numbers compare by value (5 equals 5.0 and "5"), everything else by its text. */
    private static boolean sameScalar(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && (actual.isNumber() || isNumber(actual.asText()))) {
            return expected.decimalValue().compareTo(new java.math.BigDecimal(actual.asText())) == 0;
        }
        return actual.isValueNode() && expected.asText().equals(actual.asText());
    }

    private static JsonNode at(JsonNode data, String path) {
        JsonNode node = data;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isNull() ? null : node;
    }

    private static java.util.Optional<String> rangeProblem(JsonNode range) {
        if (range.isEmpty()) {
            return java.util.Optional.of("a range needs min, max or both");
        }
        for (Iterator<String> keys = range.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!RANGE_KEYS.contains(key) || !range.get(key).isNumber()) {
                return java.util.Optional.of("a range holds only numeric min and max");
            }
        }
        if (range.has("min") && range.has("max") && range.get("min").asDouble() > range.get("max").asDouble()) {
            return java.util.Optional.of("min is larger than max");
        }
        return java.util.Optional.empty();
    }

    private static boolean allScalars(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.isValueNode() || item.isNull()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNumber(String text) {
        try {
            new java.math.BigDecimal(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
