package io.hookgate.realtime.feed;

import io.hookgate.event.RealtimeNotifier;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
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
 * committed event to this instance's sessions. Every instance listens, so every instance sees every event. What NOTIFY
 * cannot carry (over 8,000 bytes) is read by id, and what it lost is found by a periodic reconcile against the events
 * table; each event is pushed once.
 */
@ApplicationScoped
public class NotificationFeed {

    private static final Logger LOG = Logger.getLogger(NotificationFeed.class);

    private final Vertx vertx;
    private final SessionRegistry registry;
    private final PgConnectOptions options;
    private final EventLog events;
    private final FeedConfig config;
    private final PushedEvents pushed = new PushedEvents(100_000);
    private PgSubscriber subscriber;

    public NotificationFeed(Vertx vertx, SessionRegistry registry, EventLog events, FeedConfig config,
                            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
                            @ConfigProperty(name = "quarkus.datasource.username") String user,
                            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.registry = registry;
        this.events = events;
        this.config = config;
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
        JsonObject notice;
        try {
            notice = new JsonObject(payload);
        } catch (RuntimeException e) {
            LOG.warnf(e, "unreadable notification dropped: %s", payload);
            return;
        }
        if (notice.getBoolean("truncated", false)) {
            // Over NOTIFY's size limit the data was left out: read the event itself.
            events.byId(notice.getString("id")).subscribe().with(
                    found -> found.ifPresentOrElse(this::deliver, () -> LOG.warnf("notified event %s is not in the log", notice.getString("id"))),
                    e -> LOG.warnf(e, "could not read event %s; the next reconcile pushes it", notice.getString("id")));
            return;
        }
        deliver(new RealtimeEvent(notice.getLong("seq", 0L), notice.getString("id"), notice.getString("type"), notice.getString("userId"),
                notice.getString("room"), notice.getJsonObject("data", new JsonObject()), notice.getString("source")));
    }

    /**
     * Pushes events committed in the last {@code reconcile-window} that this instance has not pushed: their NOTIFY was
     * lost (a crash between commit and NOTIFY, or this instance's LISTEN connection dropping).
     */
    @Scheduled(every = "${hookgate.realtime.feed.reconcile-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> reconcile() {
        return events.recentIds(config.reconcileWindow())
                .map(ids -> ids.stream().filter(id -> !pushed.seen(id)).toList())
                .chain(events::byIds)
                .invoke(missed -> {
                    if (!missed.isEmpty()) {
                        LOG.infof("reconcile: %d events whose NOTIFY did not arrive", missed.size());
                    }
                    missed.forEach(this::deliver);
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("reconcile failed, trying again next time: %s", e.getMessage());
                    return Uni.createFrom().voidItem();
                });
    }

    /** Pushes an event once, however many times it arrives (NOTIFY and reconcile both bring it). */
    void deliver(RealtimeEvent event) {
        if (event.id() != null && !pushed.firstTime(event.id())) {
            return;
        }
        int sent = registry.push(event);
        LOG.debugf("event %s pushed to %d clients", event.id(), sent);
    }
}
