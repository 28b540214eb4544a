package io.hookgate.admin.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Problem;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an endpoint body written against any seed into Hookgate's own field names, before it is read: snake_case and
 * the seeds' synonyms ({@code event_types}, {@code is_active}, {@code isActive}, seed 004's {@code retry_policy} with
 * {@code max_attempts}, {@code backoff_type} and {@code base_delay}), {@code timeout} in seconds (seed 004) as
 * {@code timeoutMs}, and seed 000's {@code retryConfig {maxRetries, retryDelay (or initialDelay), backoffMultiplier,
 * maxDelay, timeoutMs}} as the {@code retryPolicy} (and {@code timeoutMs}) it means. Two spellings of one field in a body are a 422 naming both; a field no spelling knows
 * is left for the reader to refuse by name.
 */
final class EndpointFieldNames {

    private static final Map<String, String> TOP = Map.ofEntries(
            Map.entry("event_types", "events"),
            Map.entry("is_active", "active"), Map.entry("isActive", "active"),
            Map.entry("timeout_ms", "timeoutMs"),
            Map.entry("retry_policy", "retryPolicy"),
            Map.entry("rate_limit_per_minute", "rateLimitPerMinute"), Map.entry("rate_limit_burst", "rateLimitBurst"),
            Map.entry("channel_config", "channelConfig"),
            Map.entry("org_id", "orgId"));

    private static final Map<String, String> RETRY_POLICY = Map.ofEntries(
            Map.entry("max_attempts", "maxAttempts"),
            Map.entry("backoff_type", "backoff"), Map.entry("backoffType", "backoff"),
            Map.entry("base_delay", "baseDelayMs"), Map.entry("base_delay_ms", "baseDelayMs"), Map.entry("baseDelay", "baseDelayMs"),
            Map.entry("max_delay", "maxDelayMs"), Map.entry("max_delay_ms", "maxDelayMs"), Map.entry("maxDelay", "maxDelayMs"),
            Map.entry("backoff_multiplier", "multiplier"), Map.entry("backoffMultiplier", "multiplier"),
            Map.entry("delays_ms", "delaysMs"), Map.entry("immediate_retry", "immediateRetry"));

    /** Seed 000's retryConfig fields, in its own names, and the retryPolicy field each becomes. */
    private static final Map<String, String> RETRY_CONFIG = Map.of(
            "maxRetries", "maxAttempts", "retryDelay", "baseDelayMs", "initialDelay", "baseDelayMs",
            "maxDelay", "maxDelayMs", "backoffMultiplier", "multiplier");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EndpointFieldNames() {
    }

    /** The body in canonical field names; {@code body} itself is left as it was. */
    static ObjectNode canonical(ObjectNode body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        ObjectNode out = renamed(withTimeoutLifted(body), "", withTimeoutAndRetryConfig(), errors);
        if (out.get("retryPolicy") instanceof ObjectNode policy) {
            out.set("retryPolicy", renamed(policy, "retryPolicy.", RETRY_POLICY, errors));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", errors);
        }
        return out;
    }

    /**
     * Seed 000 prints its retry settings with the request timeout among them ({@code retryConfig.timeoutMs}): that is
     * the endpoint's {@code timeoutMs}, unless the body also gives one at the top.
     */
    private static ObjectNode withTimeoutLifted(ObjectNode body) {
        if (!(body.get("retryConfig") instanceof ObjectNode config) || !config.has("timeoutMs")) {
            return body;
        }
        ObjectNode lifted = body.deepCopy();
        JsonNode timeout = ((ObjectNode) lifted.get("retryConfig")).remove("timeoutMs");
        if (lifted.has("timeoutMs") || lifted.has("timeout") || lifted.has("timeout_ms")) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", List.of(new Problem.FieldError(
                    "retryConfig.timeoutMs", "means the same as the endpoint's timeoutMs; give one of them")));
        }
        lifted.set("timeoutMs", timeout);
        return lifted;
    }

    private static Map<String, String> withTimeoutAndRetryConfig() {
        Map<String, String> names = new LinkedHashMap<>(TOP);
        names.put("timeout", "timeoutMs");
        names.put("retryConfig", "retryPolicy");
        names.put("retry_config", "retryPolicy");
        return names;
    }

    private static ObjectNode renamed(ObjectNode body, String prefix, Map<String, String> names, List<Problem.FieldError> errors) {
        ObjectNode out = NODES.objectNode();
        Map<String, String> spelledAs = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String given = field.getKey();
            String canonical = names.getOrDefault(given, given);
            String earlier = spelledAs.putIfAbsent(canonical, given);
            if (earlier != null) {
                errors.add(new Problem.FieldError(prefix + given, "means the same as " + prefix + earlier + "; give one of them"));
                continue;
            }
            out.set(canonical, converted(prefix + given, field.getValue(), errors));
        }
        return out;
    }

    /** {@code timeout} (whole seconds) and {@code retryConfig} change shape as well as name; everything else is kept. */
    private static JsonNode converted(String field, JsonNode value, List<Problem.FieldError> errors) {
        if (value.isNull()) {
            return value;
        }
        return switch (field) {
            case "timeout" -> {
                if (!value.canConvertToExactIntegral() || value.asLong() < 1 || value.asLong() > 30) {
                    errors.add(new Problem.FieldError(field, "is in whole seconds, from 1 to 30 (or give timeoutMs in milliseconds)"));
                    yield value;
                }
                yield NODES.numberNode(value.asLong() * 1000);
            }
            case "retryConfig", "retry_config" -> retryPolicyOf(field, value, errors);
            default -> value;
        };
    }

    /**
     * Seed 000's {@code retryConfig}: {@code maxRetries} retries after the first attempt, the first after
     * {@code retryDelay} ms, each later one {@code backoffMultiplier} times longer (default 2), at most {@code maxDelay}.
     */
    private static JsonNode retryPolicyOf(String field, JsonNode config, List<Problem.FieldError> errors) {
        if (!config.isObject()) {
            errors.add(new Problem.FieldError(field, "is an object: {maxRetries, retryDelay, backoffMultiplier, maxDelay}"));
            return config;
        }
        ObjectNode policy = NODES.objectNode();
        policy.put("backoff", "exponential");
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String target = RETRY_CONFIG.get(entry.getKey());
            JsonNode value = entry.getValue();
            if (target == null) {
                errors.add(new Problem.FieldError(field + "." + entry.getKey(),
                        "unknown field; known fields: backoffMultiplier, initialDelay, maxDelay, maxRetries, retryDelay, timeoutMs"));
            } else if (policy.has(target)) {
                errors.add(new Problem.FieldError(field + "." + entry.getKey(), "means the same as another field of " + field));
            } else if (target.equals("maxAttempts") && value.canConvertToExactIntegral() && value.asLong() >= 0 && value.asLong() < 20) {
                policy.put("maxAttempts", value.asInt() + 1);
            } else if (target.equals("maxAttempts")) {
                errors.add(new Problem.FieldError(field + ".maxRetries", "is a whole number of retries, from 0 to 19"));
            } else {
                policy.set(target, value);
            }
        }
        if (!policy.has("maxAttempts") || !policy.has("baseDelayMs")) {
            errors.add(new Problem.FieldError(field, "takes maxRetries and retryDelay (ms)"));
        }
        if (policy.path("multiplier").isNumber() && policy.get("multiplier").asDouble() == 1.0) {
            policy.put("backoff", "fixed");
            policy.remove("multiplier");
        }
        return policy;
    }
}
