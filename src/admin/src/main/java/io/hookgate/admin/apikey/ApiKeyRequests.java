package io.hookgate.admin.apikey;

import io.hookgate.core.input.KnownFieldsOnly;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Bodies of the {@code /api/v1/api-keys} routes. */
public final class ApiKeyRequests {

    private ApiKeyRequests() {
    }

    /** {@code role} is {@code tenant} (default) or {@code admin} (admins only); {@code orgId} is for admins. */
    @RegisterForReflection
    @KnownFieldsOnly
    public record Create(@NotBlank @Size(max = 100) String name,
                         @Pattern(regexp = "admin|tenant", message = "must be admin or tenant") String role,
                         @Size(max = 64) String orgId) {
    }

    /** How long the old key keeps working after a rotation: 0 (default) stops it at once, at most 7 days. */
    @RegisterForReflection
    @KnownFieldsOnly
    public record Rotate(@Min(0) @Max(604_800) Integer overlapSeconds) {
    }
}
