package io.hookgate.admin.security;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * One refusal the inbound gateway recorded: {@code kind} is signature_failed, stale_timestamp, rate_limited,
 * ip_blocked or unknown_source; {@code requestId} matches the refused call's answer and log lines.
 */
@RegisterForReflection
public record SecurityEventView(String id, String source, String kind, String clientIp, String requestId, String detail,
                                OffsetDateTime createdAt) {
}
