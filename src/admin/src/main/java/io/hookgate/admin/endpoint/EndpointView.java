package io.hookgate.admin.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.endpoint.RetryPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as the API shows it. {@code secret} appears once, in the answer to its creation. A Discord or Slack URL
 * shows only the start of its credential, and a Telegram bot token is never shown.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EndpointView(String id, String orgId, String name, String channel, String profile, String url, JsonNode channelConfig, String description, List<String> events, JsonNode filters,
                           boolean active, String disabledReason, int timeoutMs, RetryPolicy retryPolicy, int rateLimitPerMinute,
                           int rateLimitBurst, Map<String, String> headers,
                           OffsetDateTime createdAt, OffsetDateTime updatedAt, OffsetDateTime previousSecretExpiresAt, String secret) {
}
