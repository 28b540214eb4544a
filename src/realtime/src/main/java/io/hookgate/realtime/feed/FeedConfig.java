package io.hookgate.realtime.feed;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the realtime feed recovers what NOTIFY missed and how far back a reconnecting client may resume. */
@ConfigMapping(prefix = "hookgate.realtime.feed")
public interface FeedConfig {

    /** How often committed events are compared with what was pushed, to push those whose NOTIFY was lost. */
    @WithDefault("2s")
    Duration reconcileEvery();

    /**
     * How far back each reconcile looks: longer than a LISTEN reconnect takes, short enough that reading the window's
     * ids every {@link #reconcileEvery()} stays light at a thousand events a second.
     */
    @WithDefault("15s")
    Duration reconcileWindow();

    /** How long a client can be away and still resume from its last event id. */
    @WithDefault("24h")
    Duration resumeRetention();

    /** Most events one resume replays; a client further behind is told to reload its state. */
    @WithDefault("1000")
    int resumeMax();
}
