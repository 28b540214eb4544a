package io.hookgate.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;

/**
 * One admin action: who ({@code keyId}, {@code admin}, {@code orgId}), what ({@code method}, {@code route},
 * {@code objectId}, {@code changes}: the request's fields with secrets redacted), its answer's {@code status}, when
 * and from where ({@code clientIp}, {@code userAgent}), and its {@code requestId}.
 */
@RegisterForReflection
public record AdminAuditView(String id, String orgId, String keyId, boolean admin, String method, String route, String path,
                             String objectId, int status, JsonNode changes, String clientIp, String userAgent, String requestId,
                             OffsetDateTime createdAt) {
}
