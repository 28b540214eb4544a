package io.hookgate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * One event type of the catalogue: its dotted name, category, whether only Hookgate itself produces it
 * ({@code reserved}: deposits, withdrawals, prices, {@code endpoint.*}, {@code source.*}), seed-000 style aliases,
 * JSON Schema and example.
 */
@RegisterForReflection
public record EventType(String name, String category, boolean reserved, String description, List<String> aliases,
                        JsonNode schema, JsonNode example) {
}
