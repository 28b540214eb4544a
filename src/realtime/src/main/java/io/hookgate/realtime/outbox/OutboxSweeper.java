package io.hookgate.realtime.outbox;

import io.hookgate.event.OutboxPublisher;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Publishes events whose outbox row is still unpublished some time after commit: the ingest function publishes right
 * after commit, and this catches what a failed publish or a process that died in between left behind. It runs in the
 * realtime service because that is the one deployable that is always running.
 */
@ApplicationScoped
public class OutboxSweeper {

    /** Outbox sweeping settings. */
    @ConfigMapping(prefix = "hookgate.outbox")
    public interface Config {
        /** Rows younger than this are left to the publisher that wrote them. */
        @WithDefault("30")
        int graceSeconds();

        /** How often the outbox is swept (read by the @Scheduled expression). */
        @WithDefault("15s")
        String sweepEvery();

        /** Most rows published per sweep. */
        @WithDefault("500")
        int batchSize();
    }

    private static final Logger LOG = Logger.getLogger(OutboxSweeper.class);

    private final OutboxPublisher publisher;
    private final Config config;

    public OutboxSweeper(OutboxPublisher publisher, Config config) {
        this.publisher = publisher;
        this.config = config;
    }

    @Scheduled(every = "${hookgate.outbox.sweep-every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return publisher.sweep(config.graceSeconds(), config.batchSize())
                .invoke(count -> {
                    if (count > 0) {
                        LOG.warnf("published %d events that stayed in the outbox after commit", count);
                    }
                })
                .replaceWithVoid();
    }
}
