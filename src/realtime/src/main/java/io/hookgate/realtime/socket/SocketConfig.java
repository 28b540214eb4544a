package io.hookgate.realtime.socket;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Realtime connection settings. */
@ConfigMapping(prefix = "hookgate.realtime.socket")
public interface SocketConfig {

    /** How long a connection may stay unauthenticated before it is closed. */
    @WithDefault("10s")
    Duration authTimeout();

    /** Most open connections one user may have; the next one's authentication fails. */
    @WithDefault("5")
    int maxConnectionsPerUser();

    /**
     * Frames that may wait to be written to one client. A client that falls further behind is disconnected (close
     * code 1013) so it cannot hold up the others; it reconnects and resumes.
     */
    @WithDefault("256")
    int sendBufferFrames();

    /** A connection from which nothing (not even a pong to the server's pings) arrives for this long is closed. */
    @WithDefault("60s")
    Duration deadAfter();

    /** How often silent connections are looked for. */
    @WithDefault("10s")
    Duration sweepEvery();

    /** Chat messages one connection may send per second, on average; beyond it the answer is {@code rate_limited}. */
    @WithDefault("5")
    int chatPerSecond();

    /** Chat messages one connection may send at once before {@link #chatPerSecond()} applies. */
    @WithDefault("20")
    int chatBurst();

    /** Rooms every authenticated client may join; others need the token's {@code rooms} claim. */
    @WithDefault("general")
    java.util.List<String> publicRooms();
}
