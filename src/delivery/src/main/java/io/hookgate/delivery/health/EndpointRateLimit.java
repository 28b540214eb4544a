package io.hookgate.delivery.health;

import io.hookgate.endpoint.Endpoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * A token bucket per endpoint in its PostgreSQL row ({@code rate_limit_per_minute} refill, {@code rate_limit_burst}
 * capacity), so every function instance draws from the same bucket. One conditional update refills and takes a token;
 * when the bucket is empty the delivery waits, without spending an attempt, until a token will be there.
 */
@ApplicationScoped
public class EndpointRateLimit {

    /** How long to wait before attempting, or null when a token was taken. Call inside a transaction. */
    public Uni<Duration> take(Endpoint endpoint) {
        return Panache.getSession().chain(session -> session.<Object>createNativeQuery("""
                        update endpoint set
                            rate_tokens = least(rate_limit_burst, coalesce(rate_tokens, rate_limit_burst)
                                + extract(epoch from clock_timestamp() - coalesce(rate_refilled_at, clock_timestamp())) * rate_limit_per_minute / 60.0) - 1,
                            rate_refilled_at = clock_timestamp()
                        where id = :id and least(rate_limit_burst, coalesce(rate_tokens, rate_limit_burst)
                            + extract(epoch from clock_timestamp() - coalesce(rate_refilled_at, clock_timestamp())) * rate_limit_per_minute / 60.0) >= 1
                        returning id""")
                .setParameter("id", endpoint.id)
                .getResultList())
                .map(taken -> taken.isEmpty() ? refillTime(endpoint.rateLimitPerMinute) : null);
    }

    /** The time one token takes to refill, at least a second (SQS visibility has one-second granularity). */
    private static Duration refillTime(int perMinute) {
        long millis = (long) Math.ceil(60_000.0 / Math.max(1, perMinute));
        return Duration.ofMillis(Math.max(1000, millis));
    }
}
