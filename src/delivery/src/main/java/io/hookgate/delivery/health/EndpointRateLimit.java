package io.hookgate.delivery.health;

import io.hookgate.endpoint.Endpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * The per-endpoint rate limit ({@code rate_limit_per_minute}, bursts of {@code rate_limit_burst}) as a generic cell
 * rate algorithm in the endpoint's PostgreSQL row, so every function instance shares it. Each delivery reserves its
 * own send slot with one update: a burst beyond the limit is spread over the following minutes, one slot per
 * delivery, instead of every held delivery competing for each new token.
 */
@ApplicationScoped
public class EndpointRateLimit {

    static final String RESERVE = """
            update endpoint set rate_tat = greatest(coalesce(rate_tat, clock_timestamp()), clock_timestamp())
                + make_interval(secs => 60.0 / rate_limit_per_minute)
            where id = $1
            returning (extract(epoch from rate_tat - clock_timestamp()) - rate_limit_burst * 60.0 / rate_limit_per_minute)::float8 as wait""";

    private final Pool pool;

    public EndpointRateLimit(Pool pool) {
        this.pool = pool;
    }

    /**
     * Reserves the endpoint's next send slot: null when it is now, otherwise how long the delivery must wait for it.
     * One autocommitted statement, so the endpoint's row is locked only for its own duration.
     */
    public Uni<Duration> reserve(Endpoint endpoint) {
        return pool.preparedQuery(RESERVE).execute(Tuple.of(endpoint.id))
                .map(rows -> {
                    double wait = rows.iterator().next().getDouble("wait");
                    return wait <= 0 ? null : Duration.ofMillis((long) Math.ceil(wait * 1000));
                });
    }
}
