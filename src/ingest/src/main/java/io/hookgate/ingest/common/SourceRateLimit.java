package io.hookgate.ingest.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * A fixed-window counter per source in PostgreSQL, so every ingest instance counts together. Each call adds its cost
 * (one request, or a batch's events) in one autocommitted statement; over the limit it is refused with WEBHOOK_005,
 * 429 and {@code Retry-After} set to the end of the window. Refused calls count too, so a flood stays refused.
 */
@ApplicationScoped
public class SourceRateLimit {

    private final Pool pool;

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
        return pool.preparedQuery("""
                        insert into inbound_rate (source, window_start, count)
                        values ($1, to_timestamp(floor(extract(epoch from now()) / $2) * $2), $3)
                        on conflict (source, window_start) do update set count = inbound_rate.count + excluded.count
                        returning count, ceil(extract(epoch from window_start) + $2 - extract(epoch from now()))::int as remaining""")
                .execute(Tuple.of(counter, seconds, cost))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    if (row.getLong("count") > limit) {
                        int retryAfter = Math.max(1, row.getInteger("remaining"));
                        throw new WebhookException(WebhookError.WEBHOOK_005, counter + " may send " + limit + " per "
                                + window.toSeconds() + " s; retry in " + retryAfter + " s", retryAfter);
                    }
                    return null;
                });
    }
}
