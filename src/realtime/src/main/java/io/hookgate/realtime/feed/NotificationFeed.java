package io.hookgate.realtime.feed;

import io.hookgate.event.RealtimeNotifier;
import io.hookgate.realtime.socket.SessionRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * LISTENs on the realtime channel with a dedicated connection, reconnecting when it drops, and hands every
 * committed event to this instance's sessions. Every instance listens, so every instance sees every event.
 */
@ApplicationScoped
public class NotificationFeed {

    private static final Logger LOG = Logger.getLogger(NotificationFeed.class);

    private final Vertx vertx;
    private final SessionRegistry registry;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;

    public NotificationFeed(Vertx vertx, SessionRegistry registry,
                            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                            @ConfigProperty(name = "quarkus.datasource.username") String user,
                            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.registry = registry;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring("vertx-reactive:".length()) : url)
                .setUser(user).setPassword(password);
    }

    void start(@Observes StartupEvent event) {
        subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1000L);
        subscriber.channel(RealtimeNotifier.CHANNEL).handler(this::onNotification);
        subscriber.connect().subscribe().with(
                ok -> LOG.infof("listening on %s", RealtimeNotifier.CHANNEL),
                e -> LOG.errorf(e, "could not LISTEN on %s; retrying", RealtimeNotifier.CHANNEL));
    }

    void stop(@Observes ShutdownEvent event) {
        if (subscriber != null) {
            subscriber.closeAndAwait();
        }
    }

    private void onNotification(String payload) {
        try {
            JsonObject event = new JsonObject(payload);
            int sent = registry.push(event.getString("type"), event.getString("userId"), event.getString("room"),
                    event.getJsonObject("data", new JsonObject()));
            LOG.debugf("event %s pushed to %d clients", event.getString("id"), sent);
        } catch (RuntimeException e) {
            LOG.warnf(e, "unreadable notification dropped: %s", payload);
        }
    }
}
