package io.hookgate.admin.endpoint;

import io.hookgate.core.input.KnownFieldsOnly;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookgate.endpoint.DeliveryProfile;
import io.hookgate.endpoint.RetryPolicy;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/webhooks}. Only {@code url} and {@code events} are required; without a
 * {@code retryPolicy} the default schedule applies. {@code channel} defaults to {@code webhook} (signed JSON); a
 * {@code discord}, {@code slack}, {@code telegram} or {@code email} endpoint gets readable messages instead, and may
 * subscribe to no events at all when it only serves the admin send routes. {@code secret} is the caller's own signing
 * secret (seeds 000 and 001), checked for strength; without it Hookgate generates one. Seeds' field names are read as
 * these ({@link EndpointFieldNames}). {@code profile} chooses the envelope and signature headers a webhook endpoint's
 * receiver expects ({@link DeliveryProfile}; default {@code standard}, or the seed's own on a seed's route).
 */
@RegisterForReflection
@KnownFieldsOnly
public record CreateEndpointRequest(
        @Size(max = 100) String name,
        @NotBlank @Size(max = 2048) String url,
        @Size(max = 500) String description,
        @NotNull @Size(max = 100) List<@NotBlank @Pattern(regexp = EVENT_PATTERN, message = EVENT_MESSAGE) String> events,
        Boolean active,
        @Min(1000) @Max(30000) Integer timeoutMs,
        @Size(max = 20) Map<@NotBlank @Size(max = 100) @Pattern(regexp = HEADER_NAME, message = HEADER_NAME_MESSAGE) String,
                @Size(max = 1000) @Pattern(regexp = HEADER_VALUE, message = HEADER_VALUE_MESSAGE) String> headers,
        @Size(max = 64) String orgId,
        @Valid RetryPolicy retryPolicy,
        JsonNode filters,
        @Min(1) @Max(10_000) Integer rateLimitPerMinute,
        @Min(1) @Max(10_000) Integer rateLimitBurst,
        String channel,
        @Valid ChannelConfigRequest channelConfig,
        @Size(min = 16, max = 128) String secret,
        @Pattern(regexp = DeliveryProfile.PATTERN, message = "must be " + DeliveryProfile.NAMES) String profile) {

    static final String HEADER_NAME = "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$";
    static final String HEADER_NAME_MESSAGE = "must be an HTTP header name (letters, digits and !#$%&'*+.^_`|~-)";
    static final String HEADER_VALUE = "^[^\\x00-\\x08\\x0A-\\x1F\\x7F]*$";
    static final String HEADER_VALUE_MESSAGE = "must not contain control characters such as CR or LF";
    static final String EVENT_PATTERN = "^(\\*|[A-Za-z0-9_:/-]+(\\.([A-Za-z0-9_:/-]+|\\*))*)$";
    static final String EVENT_MESSAGE = "must be an event type such as deposit.confirmed, a wildcard such as user.* or source.stripe.*, or *";
}
