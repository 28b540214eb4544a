package io.hookgate.core;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Natural batching: items submitted while earlier batches run wait and go together in the next one, so a burst costs
 * one round trip per batch instead of one per item, and a lone item goes at once (no timer, no added latency). At most
 * {@code maxInFlight} batches run at a time, each with at most {@code maxSize} items. {@code run} answers one result
 * per item, in order; if it fails, every item of the batch fails with it. Callers complete on their own Vert.x context
 * (a Hibernate session lives there).
 */
public final class NaturalBatches<T, R> {

    private record Waiting<T, R>(T item, UniEmitter<? super R> done) {
    }

    private final int maxSize;
    private final int maxInFlight;
    private final Function<List<T>, Uni<List<R>>> run;
    private final Queue<Waiting<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong batches = new AtomicLong();

    public NaturalBatches(int maxSize, int maxInFlight, Function<List<T>, Uni<List<R>>> run) {
        this.maxSize = maxSize;
        this.maxInFlight = maxInFlight;
        this.run = run;
    }

    public Uni<R> submit(T item) {
        Executor caller = callerContext();
        return Uni.createFrom().<R>emitter(emitter -> {
            waiting.add(new Waiting<>(item, emitter));
            drain();
        }).emitOn(caller);
    }

    /** Batches run so far: with the items submitted, the batching achieved. */
    public long batches() {
        return batches.get();
    }

    /** Starts batches while slots are free and items wait; each finished batch drains again. */
    private void drain() {
        while (!waiting.isEmpty() && claimSlot()) {
            List<Waiting<T, R>> batch = new ArrayList<>(Math.min(maxSize, 64));
            for (Waiting<T, R> next; batch.size() < maxSize && (next = waiting.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();   // another drain took them; look again in case more arrived meanwhile
                continue;
            }
            batches.incrementAndGet();
            Uni<List<R>> results;
            try {
                results = run.apply(batch.stream().map(Waiting::item).toList());
            } catch (RuntimeException e) {
                results = Uni.createFrom().failure(e);
            }
            results.subscribe().with(r -> finished(batch, r, null), e -> finished(batch, null, e));
        }
    }

    private boolean claimSlot() {
        for (int running = inFlight.get(); running < maxInFlight; running = inFlight.get()) {
            if (inFlight.compareAndSet(running, running + 1)) {
                return true;
            }
        }
        return false;
    }

    private void finished(List<Waiting<T, R>> batch, List<R> results, Throwable failure) {
        inFlight.decrementAndGet();
        for (int i = 0; i < batch.size(); i++) {
            if (failure != null) {
                batch.get(i).done().fail(failure);
            } else {
                batch.get(i).done().complete(results.get(i));
            }
        }
        drain();
    }

    private static Executor callerContext() {
        Context context = Vertx.currentContext();
        return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
    }
}
