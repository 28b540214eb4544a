package io.hookgate.admin.apikey;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * An API key as the API shows it: {@code prefix} identifies it in logs and lists; {@code key} appears once, in the
 * answer to its creation or rotation, and is stored only as a hash.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiKeyView(String id, String name, String role, String orgId, String prefix, OffsetDateTime createdAt,
                         OffsetDateTime lastUsedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt, String key) {
}
