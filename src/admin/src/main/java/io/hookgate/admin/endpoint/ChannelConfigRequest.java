package io.hookgate.admin.endpoint;

import io.hookgate.core.input.KnownFieldsOnly;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Settings of a Telegram endpoint: the bot's token (stored encrypted, never shown again), the default chat for
 * events, and how the chat is notified. Other channels take no settings.
 */
@RegisterForReflection
@KnownFieldsOnly
public record ChannelConfigRequest(
        @Size(max = 200) @Pattern(regexp = "^\\d+:[A-Za-z0-9_-]+$", message = "must be a Telegram bot token such as 123456:ABC-DEF") String botToken,
        @Size(max = 200) String chatId,
        @Pattern(regexp = "Markdown|MarkdownV2|HTML", message = "must be Markdown, MarkdownV2 or HTML") String parseMode,
        Boolean disableNotification) {
}
