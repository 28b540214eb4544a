package io.hookgate.ingest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings shared by every inbound route. */
@ConfigMapping(prefix = "hookgate.ingest")
public interface InboundConfig {

    /**
     * How long a call may take before it is answered WEBHOOK_006 (504). The work itself is not abandoned: it commits
     * or rolls back, and the provider's retry gets the recorded result (or processes it), so nothing is lost or done
     * twice. Keep it below API Gateway's 30 s integration timeout.
     */
    @WithDefault("10s")
    Duration processingTimeout();

    /**
     * Security audit rows written per minute for one source, kind and client address; beyond it the refusals are
     * counted and the next row says how many were left out. A flood of bad calls cannot flood the audit table.
     */
    @WithDefault("20")
    int auditPerMinute();
}
