package io.hookgate.admin.event;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/** An event as the API shows it: its type, data, where it came from and when. */
@RegisterForReflection
public record EventView(String id, String orgId, String type, JsonNode data, String source, OffsetDateTime createdAt) {
}
