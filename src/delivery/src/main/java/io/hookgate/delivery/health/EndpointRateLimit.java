package io.hookgate.delivery.health;

import io.hookgate.endpoint.Endpoint;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
            where id = :id
            returning extract(epoch from rate_tat - clock_timestamp()) - rate_limit_burst * 60.0 / rate_limit_per_minute""";

    /**
     * Reserves the endpoint's next send slot: null when it is now, otherwise how long the delivery must wait for it.
     * Call inside a transaction.
     */
    public Uni<Duration> reserve(Endpoint endpoint) {
        return Panache.getSession().chain(session -> session.<Object>createNativeQuery(RESERVE)
                        .setParameter("id", endpoint.id)
                        .getSingleResult())
                .map(seconds -> {
                    double wait = ((Number) seconds).doubleValue();
                    return wait <= 0 ? null : Duration.ofMillis((long) Math.ceil(wait * 1000));
                });
    }
}
