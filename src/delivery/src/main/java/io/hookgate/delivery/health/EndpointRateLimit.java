package io.hookgate.delivery.health;

import io.hookgate.core.NaturalBatches;
import io.hookgate.endpoint.Endpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-endpoint rate limit ({@code rate_limit_per_minute}, bursts of {@code rate_limit_burst}) as a generic cell
 * rate algorithm in the endpoint's PostgreSQL row, so every function instance shares it. Each delivery reserves its
 * own send slot: a burst beyond the limit is spread over the following minutes, one slot per delivery, instead of every
 * held delivery competing for each new token. Reservations made at the same time share one statement, which moves each
 * endpoint's theoretical arrival time once by as many slots as it was asked for. While adaptive limiting has lowered
 * the endpoint's rate ({@code adaptive_rate}) that rate applies with no burst, and no slot is before its
 * {@code throttled_until}.
 */
@ApplicationScoped
public class EndpointRateLimit {

    /**
     * {@code $1} endpoint ids, {@code $2} slots wanted of each. Locks the rows in id order first, so concurrent
     * reservations never wait on each other in a cycle, with the lock an update takes ({@code no key update}: the
     * foreign-key checks of attempts being recorded for these endpoints go on beside it); answers each endpoint's new arrival time (seconds from now),
     * the interval between slots and the burst allowance.
     */
    static final String RESERVE = """
            with wanted as (
                select e.id, u.slots from endpoint e join unnest($1::text[], $2::int[]) as u(id, slots) on u.id = e.id
                order by e.id
                for no key update of e)
            update endpoint e set rate_tat = greatest(coalesce(e.rate_tat, clock_timestamp()), clock_timestamp(),
                                                      coalesce(e.throttled_until, clock_timestamp()))
                + make_interval(secs => w.slots * 60.0 / coalesce(e.adaptive_rate, e.rate_limit_per_minute))
            from wanted w
            where e.id = w.id
            returning e.id, extract(epoch from e.rate_tat - clock_timestamp())::float8 as last_slot,
                      (60.0 / coalesce(e.adaptive_rate, e.rate_limit_per_minute))::float8 as spacing,
                      (case when e.adaptive_rate is null then e.rate_limit_burst else 1 end
                          * 60.0 / coalesce(e.adaptive_rate, e.rate_limit_per_minute))::float8 as burst""";

    /** Endpoints in one statement at most. */
    static final int BATCH = 100;

    private final Pool pool;
    private final NaturalBatches<String, Duration> batches;

    public EndpointRateLimit(Pool pool) {
        this.pool = pool;
        this.batches = new NaturalBatches<>(BATCH, 2, this::reserveAll);
    }

    /**
     * Reserves the endpoint's next send slot: null when it is now, otherwise how long the delivery must wait for it.
     * One autocommitted statement, so the endpoint's row is locked only for its own duration.
     */
    public Uni<Duration> reserve(Endpoint endpoint) {
        return batches.submit(endpoint.id);
    }

    /** Each endpoint's slots in the order asked: the last one ends at the new arrival time, the others one spacing apart. */
    private Uni<List<Duration>> reserveAll(List<String> endpointIds) {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        endpointIds.forEach(id -> wanted.merge(id, 1, Integer::sum));
        return pool.preparedQuery(RESERVE)
                .execute(Tuple.of(wanted.keySet().toArray(String[]::new), wanted.values().toArray(Integer[]::new)))
                .map(rows -> {
                    Map<String, Row> reserved = new HashMap<>();
                    rows.forEach(row -> reserved.put(row.getString("id"), row));
                    Map<String, Integer> given = new HashMap<>();
                    List<Duration> waits = new ArrayList<>(endpointIds.size());
                    for (String id : endpointIds) {
                        Row row = reserved.get(id);
                        int slot = given.merge(id, 1, Integer::sum);
                        waits.add(row == null ? null : wait(row, wanted.get(id) - slot));
                    }
                    return waits;
                });
    }

    /** The wait for the slot {@code fromLast} places before the endpoint's new arrival time, or null when it is now. */
    private static Duration wait(Row row, int fromLast) {
        double wait = row.getDouble("last_slot") - fromLast * row.getDouble("spacing") - row.getDouble("burst");
        return wait <= 0 ? null : Duration.ofMillis((long) Math.ceil(wait * 1000));
    }
}
