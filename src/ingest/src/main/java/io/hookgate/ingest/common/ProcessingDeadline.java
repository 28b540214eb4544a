package io.hookgate.ingest.common;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bounds how long an inbound call waits for its processing. Past {@code processing-timeout} the caller is answered
 * WEBHOOK_006, but the processing is not cancelled: a transaction is never cut off halfway, it commits or rolls back
 * on its own, and the receipt makes the provider's retry safe.
 */
@ApplicationScoped
public class ProcessingDeadline {

    private final InboundConfig config;

    public ProcessingDeadline(InboundConfig config) {
        this.config = config;
    }

    public <T> Uni<T> bound(Uni<T> processing) {
        return Uni.createFrom().<T>emitter(answer -> processing.subscribe().with(answer::complete, answer::fail))
                .ifNoItem().after(config.processingTimeout())
                .failWith(() -> new WebhookException(WebhookError.WEBHOOK_006, "processing took longer than "
                        + config.processingTimeout().toSeconds() + " s; the outcome is recorded once it finishes, so retry "
                        + "the same call: it is answered with that outcome and never applied twice", 30));
    }
}
