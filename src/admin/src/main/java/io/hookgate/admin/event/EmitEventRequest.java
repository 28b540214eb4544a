package io.hookgate.admin.event;

import io.hookgate.core.input.KnownFieldsOnly;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/events}: a catalogue type (or alias) and its data, which must satisfy the type's
 * schema. {@code orgId} is for admin keys; a tenant key emits into its own organisation.
 */
@RegisterForReflection
@KnownFieldsOnly
public record EmitEventRequest(
        @NotBlank @Size(max = 200) String type,
        @NotNull JsonNode data,
        @Size(max = 64) String orgId) {
}
