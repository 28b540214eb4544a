package io.hookgate.ingest.source;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Defaults for registered inbound sources; an admin's per-source policy overrides the rate limit. */
@ConfigMapping(prefix = "hookgate.ingest.sources")
public interface SourcesConfig {

    /** Calls each source may make per {@link #rateWindow()}. */
    @WithDefault("3600")
    long rateLimit();

    @WithDefault("1h")
    Duration rateWindow();

    /** Largest accepted request body, in bytes. */
    @WithDefault("262144")
    int maxBodyBytes();
}
