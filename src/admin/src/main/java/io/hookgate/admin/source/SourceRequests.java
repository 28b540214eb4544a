package io.hookgate.admin.source;

import io.hookgate.core.input.KnownFieldsOnly;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Bodies of the {@code /api/v1/sources} routes. Locations are a JSON pointer ({@code /type}) or {@code header:<Name>}. */
public final class SourceRequests {

    static final String NAME_PATTERN = "^[a-z0-9][a-z0-9-]{0,39}$";
    static final String TYPE_PATTERN = "^[A-Za-z0-9_.:/-]{1,120}$";

    private SourceRequests() {
    }

    /**
     * Registers a provider. {@code secret} is the provider's signing secret; leave it out to have one generated
     * (returned once) — except for Stripe, which creates its own. Unset locations take the scheme's defaults.
     */
    @RegisterForReflection
    @KnownFieldsOnly
    public record Create(
            @NotBlank @Pattern(regexp = NAME_PATTERN, message = "must be 1-40 lower-case letters, digits and hyphens, starting with a letter or digit") String name,
            @NotBlank String scheme,
            @Size(max = 500) String description,
            @Size(min = 8, max = 500) String secret,
            @Size(max = 100) String signatureHeader,
            @Size(max = 50) String signaturePrefix,
            @Min(1) @Max(86400) Integer timestampToleranceSeconds,
            @Size(max = 200) String eventTypeFrom,
            @Size(max = 200) String dedupeIdFrom,
            @Size(max = 200) List<@Pattern(regexp = TYPE_PATTERN, message = "must be a provider event type such as invoice.paid") String> acceptedEvents,
            @Size(max = 64) String orgId) {
    }

    /** Changes a source; absent fields keep their value. {@code acceptedEvents: []} accepts every type again. */
    @RegisterForReflection
    @KnownFieldsOnly
    public record Update(
            @Size(max = 500) String description,
            @Size(max = 100) String signatureHeader,
            @Size(max = 50) String signaturePrefix,
            @Min(1) @Max(86400) Integer timestampToleranceSeconds,
            @Size(max = 200) String eventTypeFrom,
            @Size(max = 200) String dedupeIdFrom,
            @Size(max = 200) List<@Pattern(regexp = TYPE_PATTERN, message = "must be a provider event type such as invoice.paid") String> acceptedEvents,
            Boolean enabled) {
    }

    /** A new secret from the provider, or none to have one generated. */
    @RegisterForReflection
    @KnownFieldsOnly
    public record RotateSecret(@Size(min = 8, max = 500) String secret) {
    }

    /**
     * An admin's policy for a source (a built-in one, {@code ccpayment}, {@code price-feed}, {@code analytics}, or an
     * inbound source's id). A null field keeps the deployment's configured value.
     */
    @RegisterForReflection
    @KnownFieldsOnly
    public record Policy(
            @Size(min = 1, max = 100, message = "lists 1 to 100 addresses or ranges; leave it out to allow every address")
            List<@NotBlank @Size(max = 50) String> ipAllowlist,
            @Size(max = 1000, message = "lists at most 1000 addresses or ranges")
            List<@NotBlank @Size(max = 50) String> ipBlocklist,
            @Min(1) @Max(10_000_000) Integer rateLimit,
            @Min(1) @Max(86_400) Integer rateWindowSeconds,
            @Min(1) @Max(31_536_000) Integer priceMaxAgeSeconds) {
    }
}
