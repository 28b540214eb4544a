package io.hookgate.admin.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.List;

/** The destinations an organisation forbids its endpoints to call, on top of the built-in private-address guard. */
public final class OutboundPolicy {

    private OutboundPolicy() {
    }

    @RegisterForReflection
    public record Request(@NotNull @Size(max = 1000, message = "lists at most 1000 addresses or ranges")
                          List<@NotBlank @Size(max = 50) String> blockedDestinations) {
    }

    @RegisterForReflection
    public record View(String orgId, List<String> blockedDestinations, OffsetDateTime updatedAt) {
    }
}
