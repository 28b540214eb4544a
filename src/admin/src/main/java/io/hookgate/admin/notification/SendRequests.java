package io.hookgate.admin.notification;

import io.hookgate.core.input.KnownFieldsOnly;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** The bodies of seed 000's admin send routes, each with an optional organisation and endpoint to send through. */
final class SendRequests {

    private SendRequests() {
    }

    /** {@code POST /api/webhook/discord/send}: an event of the catalogue, to the Discord endpoints of these names. */
    @RegisterForReflection
    @KnownFieldsOnly
    record Discord(@NotBlank String type, @NotNull JsonNode data,
                   @NotEmpty @Size(max = 10) List<@NotBlank @Size(max = 100) String> channels, @Size(max = 64) String orgId) {
    }

    /** {@code POST /api/webhook/email/send}: one of the six templates, to one recipient. */
    @RegisterForReflection
    @KnownFieldsOnly
    record Email(@NotBlank String template, @NotBlank @Size(max = 254) String to, JsonNode data, @Size(max = 64) String orgId,
                 @Size(max = 64) String endpointId) {
    }

    /** {@code POST /api/webhook/telegram/send}: a message to a chat, through the organisation's Telegram bot. */
    @RegisterForReflection
    @KnownFieldsOnly
    record Telegram(@NotNull JsonNode chatId, @NotBlank @Size(max = 4096) String message, String parseMode,
                    Boolean disableNotification, @Size(max = 64) String orgId, @Size(max = 64) String endpointId) {
    }
}
