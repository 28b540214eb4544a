package io.hookgate.delivery.health;

import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.endpoint.Endpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The per-endpoint circuit breaker of seed 004, kept in PostgreSQL because function instances share nothing: after
 * enough consecutive failed attempts the circuit opens and deliveries wait without spending attempts; when the open
 * period ends, exactly one delivery wins the half-open probe (a conditional update) and the others keep waiting.
 */
@ApplicationScoped
public class EndpointCircuit {

    static final String PROBE = "update endpoint set circuit_opened_at = $1 where id = $2 and circuit_opened_at = $3";

    private final DeliveryConfig config;
    private final Pool pool;

    public EndpointCircuit(DeliveryConfig config, Pool pool) {
        this.config = config;
        this.pool = pool;
    }

    /** How long a delivery to this endpoint must wait, or null when it may be attempted now. */
    public Uni<Duration> holdBack(Endpoint endpoint) {
        OffsetDateTime openedAt = endpoint.circuitOpenedAt;
        if (openedAt == null) {
            return Uni.createFrom().nullItem();
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime halfOpenAt = openedAt.plus(config.circuitOpenDuration());
        if (now.isBefore(halfOpenAt)) {
            return Uni.createFrom().item(atLeastOneSecond(Duration.between(now, halfOpenAt)));
        }
        // Re-arm the open period as the claim: the one update that matches the old value runs the probe.
        return pool.preparedQuery(PROBE).execute(Tuple.of(now, endpoint.id, openedAt))
                .map(claimed -> claimed.rowCount() == 1 ? null : config.circuitOpenDuration());
    }

    private static Duration atLeastOneSecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }
}
