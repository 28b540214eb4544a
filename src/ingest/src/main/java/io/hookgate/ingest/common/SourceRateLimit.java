package io.hookgate.ingest.common;

import io.hookgate.core.NaturalBatches;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fixed-window counter per source in PostgreSQL, so every ingest instance counts together. Each call adds its cost
 * (one request, or a batch's events); over the limit it is refused with WEBHOOK_005, 429 and {@code Retry-After} set to
 * the end of the window. Refused calls count too, so a flood stays refused.
 *
 * <p>The counter is one row per source and window, which every call updates: one statement per call would serialise
 * a burst on that row's lock (about 2,700 statements/s here, less than the deposits themselves). Concurrent calls of
 * one counter therefore share one autocommitted statement (natural batching, one in flight per counter), and each is
 * judged by the count as it stood after its own cost, exactly as if they had gone one by one.
 */
@ApplicationScoped
public class SourceRateLimit {

    private record Counted(long count, int remaining) {
    }

    private final Pool pool;
    private final Map<String, NaturalBatches<Integer, Counted>> counters = new ConcurrentHashMap<>();

    public SourceRateLimit(Pool pool) {
        this.pool = pool;
    }

    /**
     * Counts {@code cost} against the policy's limit per window under {@code counter} (the source, or one caller of
     * it such as {@code price-feed:coingecko}); fails with WEBHOOK_005 when over it.
     */
    public Uni<Void> take(String counter, int cost, SourcePolicy policy) {
        long limit = policy.rateLimit();
        Duration window = policy.rateWindow();
        long seconds = Math.max(1, window.toSeconds());
        return counters.computeIfAbsent(counter + "/" + seconds, key -> new NaturalBatches<>(1_000, 1, costs -> count(counter, seconds, costs)))
                .submit(cost)
                .map(counted -> {
                    if (counted.count() > limit) {
                        int retryAfter = Math.max(1, counted.remaining());
                        throw new WebhookException(WebhookError.WEBHOOK_005, counter + " may send " + limit + " per "
                                + window.toSeconds() + " s; retry in " + retryAfter + " s", retryAfter);
                    }
                    return null;
                });
    }

    /** Adds the batch's costs in one statement; each call sees the count after its own cost, in submission order. */
    private Uni<List<Counted>> count(String counter, long seconds, List<Integer> costs) {
        int total = costs.stream().mapToInt(Integer::intValue).sum();
        return pool.preparedQuery("""
                        insert into inbound_rate (source, window_start, count)
                        values ($1, to_timestamp(floor(extract(epoch from now()) / $2) * $2), $3)
                        on conflict (source, window_start) do update set count = inbound_rate.count + excluded.count
                        returning count, ceil(extract(epoch from window_start) + $2 - extract(epoch from now()))::int as remaining""")
                .execute(Tuple.of(counter, seconds, total))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long before = row.getLong("count") - total;
                    int remaining = row.getInteger("remaining");
                    List<Counted> counted = new ArrayList<>(costs.size());
                    for (int cost : costs) {
                        before += cost;
                        counted.add(new Counted(before, remaining));
                    }
                    return counted;
                });
    }
}
