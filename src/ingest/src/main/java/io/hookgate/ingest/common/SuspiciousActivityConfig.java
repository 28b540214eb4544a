package io.hookgate.ingest.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Suspicious-activity detection on the inbound routes: how many strikes (bad signatures, stale or replayed timestamps,
 * calls to unknown sources) from one address within a window block it for that source, for how long, and when the
 * security alerts are announced.
 */
@ConfigMapping(prefix = "hookgate.ingest.suspicious")
public interface SuspiciousActivityConfig {

    /** Strikes from one address within {@link #window()} that block it for the source; 0 turns blocking off. */
    @WithDefault("10")
    int strikes();

    /** The window strikes are counted in; it starts at an address's first strike. */
    @WithDefault("10m")
    Duration window();

    /** How long an automatic block lasts unless an admin lifts it sooner. */
    @WithDefault("1h")
    Duration blockFor();

    /** Bad signatures from one address within the window that announce {@code security.signature_failures}. */
    @WithDefault("5")
    int signatureAlertAt();

    /** The shortest time between two security alerts of one type about one source and address. */
    @WithDefault("15m")
    Duration alertInterval();

    /** The organisation that receives security alerts about the built-in sources (a registered source's go to its own). */
    @WithDefault("org_default")
    String alertTenant();

    /**
     * Addresses or CIDR ranges never blocked automatically (their strikes still alert). A source's own allowlisted
     * addresses are never blocked either: they are the provider's, and bad signatures from them mean a secret mismatch.
     */
    Optional<List<String>> exempt();
}
