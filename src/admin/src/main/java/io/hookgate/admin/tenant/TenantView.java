package io.hookgate.admin.tenant;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/** An organisation (seed 003's {@code org_id}): everything a tenant key sees belongs to one. */
@RegisterForReflection
public record TenantView(String id, String name, OffsetDateTime createdAt) {
}
