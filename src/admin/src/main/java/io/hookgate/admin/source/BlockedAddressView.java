package io.hookgate.admin.source;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * An address blocked for an inbound source after repeated suspicious calls: active while {@code liftedAt} is null and
 * {@code expiresAt} is ahead; {@code liftedBy} is the API key that lifted it.
 */
@RegisterForReflection
public record BlockedAddressView(String id, String source, String clientIp, String reason, int strikes, OffsetDateTime blockedAt,
                                 OffsetDateTime expiresAt, boolean active, OffsetDateTime liftedAt, String liftedBy) {
}
