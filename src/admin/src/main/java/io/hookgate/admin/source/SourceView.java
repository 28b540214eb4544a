package io.hookgate.admin.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A registered inbound source. {@code receiveUrl} is the path the provider calls; {@code eventTypePrefix} starts the
 * type of every event it produces. {@code secret} appears only when it was generated, on creation or rotation.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SourceView(String id, String orgId, String name, String description, String scheme, String receiveUrl,
                         String eventTypePrefix, String signatureHeader, String signaturePrefix, int timestampToleranceSeconds,
                         String eventTypeFrom, String dedupeIdFrom, List<String> acceptedEvents, boolean enabled,
                         OffsetDateTime createdAt, OffsetDateTime updatedAt, String secret) {
}
