package io.hookgate.ingest.common;

import io.hookgate.event.Event;
import io.hookgate.event.OutboxPublisher;
import io.hookgate.event.RealtimeNotifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an inbound call announces once its transaction has committed: its webhook event, published to the events queue
 * (the outbox sweeper retries if that fails), and its realtime event, NOTIFYed to the realtime service. Either may be
 * absent, as for a duplicate call that changed nothing.
 */
@ApplicationScoped
public class AfterCommit {

    private final OutboxPublisher outbox;
    private final RealtimeNotifier realtime;

    public AfterCommit(OutboxPublisher outbox, RealtimeNotifier realtime) {
        this.outbox = outbox;
        this.realtime = realtime;
    }

    public Uni<Void> announce(String webhookEventId, Event realtimeEvent) {
        Uni<Void> published = webhookEventId == null ? Uni.createFrom().voidItem() : outbox.publish(webhookEventId);
        return realtimeEvent == null ? published : published.chain(() -> realtime.notify(realtimeEvent));
    }
}
