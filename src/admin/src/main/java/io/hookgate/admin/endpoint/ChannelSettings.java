package io.hookgate.admin.endpoint;

import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Problem;
import io.hookgate.endpoint.Channel;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a new endpoint's channel against its URL and settings. A webhook, Discord, Slack or Telegram endpoint has an
 * http(s) URL under the URL policy (a Discord or Slack webhook URL, the Telegram Bot API's base URL); an email endpoint
 * has a {@code mailto:} URL listing up to 10 recipients; only Telegram takes {@code channelConfig}.
 */
@ApplicationScoped
class ChannelSettings {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+$");
    static final int MAX_RECIPIENTS = 10;

    /** What to store: the channel, the URL, the non-secret settings and the encrypted-to-be credential. */
    @RegisterForReflection
    record Checked(Channel channel, String url, Map<String, Object> config, String token) {
    }

    private final EndpointUrlPolicy urls;

    ChannelSettings(EndpointUrlPolicy urls) {
        this.urls = urls;
    }

    Checked check(CreateEndpointRequest request) {
        return check(request, false);
    }

    /**
     * {@code tokenStored}: the endpoint already has a Telegram bot token, so a request that leaves it out (a PATCH or
     * PUT, whose sender cannot read the token back) keeps it; {@link Checked#token()} is then null.
     */
    Checked check(CreateEndpointRequest request, boolean tokenStored) {
        Channel channel = request.channel() == null ? Channel.WEBHOOK : Channel.of(request.channel())
                .orElseThrow(() -> ApiException.invalid("channel", "must be one of webhook, discord, slack, telegram, email"));
        if (channel == Channel.WEBHOOK && request.events().isEmpty()) {
            throw ApiException.invalid("events", "must list at least one event type; only channel endpoints may have none");
        }
        if (channel != Channel.TELEGRAM && request.channelConfig() != null) {
            throw ApiException.invalid("channelConfig", "applies to telegram endpoints only");
        }
        return switch (channel) {
            case EMAIL -> new Checked(channel, mailto(request.url()), Map.of(), null);
            case TELEGRAM -> telegram(request, tokenStored);
            default -> new Checked(channel, urls.checkUrl(request.url()), Map.of(), null);
        };
    }

    private Checked telegram(CreateEndpointRequest request, boolean tokenStored) {
        ChannelConfigRequest config = request.channelConfig();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!tokenStored && (config == null || config.botToken() == null)) {
            errors.add(new Problem.FieldError("channelConfig.botToken", "is required for a telegram endpoint"));
        }
        if (config == null || config.chatId() == null || config.chatId().isBlank()) {
            errors.add(new Problem.FieldError("channelConfig.chatId", "is required for a telegram endpoint: the chat that receives events"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", errors);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("chatId", config.chatId());
        if (config.parseMode() != null) {
            settings.put("parseMode", config.parseMode());
        }
        settings.put("disableNotification", Boolean.TRUE.equals(config.disableNotification()));
        return new Checked(Channel.TELEGRAM, urls.checkUrl(request.url()), settings, config.botToken());
    }

    private static String mailto(String raw) {
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "is not a valid mailto: URL");
        }
        if (!"mailto".equalsIgnoreCase(uri.getScheme()) || uri.getSchemeSpecificPart().contains("?")) {
            throw ApiException.invalid("url", "an email endpoint's url is mailto:address[,address…] without parameters");
        }
        List<String> recipients = Arrays.stream(uri.getSchemeSpecificPart().split(",")).map(String::trim).toList();
        if (recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
            throw ApiException.invalid("url", "must list between 1 and " + MAX_RECIPIENTS + " recipients");
        }
        recipients.stream().filter(r -> !EMAIL.matcher(r).matches()).findFirst().ifPresent(bad -> {
            throw ApiException.invalid("url", "'" + bad + "' is not an email address");
        });
        return "mailto:" + String.join(",", recipients);
    }
}
