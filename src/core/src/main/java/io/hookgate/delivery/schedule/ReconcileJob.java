package io.hookgate.delivery.schedule;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Runs the {@link DeliveryReconciler} every {@code hookgate.reconciler.every} in the deployables that turn it on. A
 * failed run (database or queue down) is logged and the next one tries again.
 */
@ApplicationScoped
public class ReconcileJob {

    private static final Logger LOG = Logger.getLogger(ReconcileJob.class);

    private final DeliveryReconciler reconciler;

    public ReconcileJob(DeliveryReconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Scheduled(identity = "delivery-reconciler", every = "${hookgate.reconciler.every:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return reconciler.reconcile()
                .invoke(done -> {
                    if (done.deliveries() > 0 || done.events() > 0) {
                        LOG.infof("reconciler rang %d deliveries and republished %d events whose messages were missing or overdue",
                                done.deliveries(), done.events());
                    }
                    if (done.digests() > 0) {
                        LOG.infof("reconciler announced %d delivery.exhausted digests", done.digests());
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("reconciler run failed (%s); the next run tries again", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
