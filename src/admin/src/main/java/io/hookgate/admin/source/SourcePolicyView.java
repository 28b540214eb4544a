package io.hookgate.admin.source;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An admin's policy for a source; a null field means the deployment's configured value applies (no block list, for
 * {@code ipBlocklist}: it wins over the allowlist). Ingest instances pick a change up within
 * {@code hookgate.ingest.policy.cache-ttl} (30 s by default).
 */
@RegisterForReflection
public record SourcePolicyView(String source, List<String> ipAllowlist, List<String> ipBlocklist, Integer rateLimit, Integer rateWindowSeconds,
                               Integer priceMaxAgeSeconds, OffsetDateTime updatedAt) {
}
