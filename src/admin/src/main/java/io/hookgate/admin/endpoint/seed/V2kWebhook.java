package io.hookgate.admin.endpoint.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookgate.admin.endpoint.EndpointView;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;

/** A webhook as seed 002's API shows it ({@code isActive}); {@code secret} only in the answer to its creation. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record V2kWebhook(String id, String url, String secret, List<String> events, String description, boolean isActive, String profile,
                         String disabledReason, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

    static V2kWebhook of(EndpointView view) {
        return new V2kWebhook(view.id(), view.url(), view.secret(), view.events(), view.description(), view.active(), view.profile(),
                view.disabledReason(), view.createdAt(), view.updatedAt());
    }
}
