package io.hookgate.admin.tenant;

import io.hookgate.core.input.KnownFieldsOnly;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of creating or renaming an organisation. */
@RegisterForReflection
@KnownFieldsOnly
public record TenantRequest(@NotBlank @Size(max = 200) String name) {
}
