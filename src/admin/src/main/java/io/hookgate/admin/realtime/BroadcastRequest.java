package io.hookgate.admin.realtime;

import io.hookgate.core.input.KnownFieldsOnly;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * An event pushed to WebSocket clients: one of seed 000's realtime names, its data, and its address: a room, a user,
 * or (neither) everyone subscribed to the type.
 */
@RegisterForReflection
@KnownFieldsOnly
public record BroadcastRequest(
        @NotBlank @Pattern(regexp = BroadcastService.TYPES, message = "must be one of seed 000's realtime events, such as system_announcement") String type,
        @NotNull JsonNode data,
        @Pattern(regexp = "[a-z0-9][a-z0-9_-]{0,63}", message = "must be a room name") String room,
        @Size(max = 64) String userId) {
}
