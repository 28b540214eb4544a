package io.hookgate.admin.stats;

import io.hookgate.endpoint.Endpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Delivery statistics, read with index range scans: attempts by (endpoint, start time), deliveries by (endpoint,
 * creation) and (organisation, creation). Test sends are left out everywhere. Query plans over a million deliveries
 * are in docs/query-plans.md.
 */
@ApplicationScoped
public class StatsService {

    private final Pool pool;

    public StatsService(Pool pool) {
        this.pool = pool;
    }

    public Uni<EndpointStats> forEndpoint(Endpoint endpoint, OffsetDateTime since, OffsetDateTime until) {
        return forEndpoints(List.of(endpoint), since, until).map(List::getFirst);
    }

    /** The statistics of some endpoints, in their order: one query, whatever their number. */
    public Uni<List<EndpointStats>> forEndpoints(List<Endpoint> endpoints, OffsetDateTime since, OffsetDateTime until) {
        if (endpoints.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("""
                        select e.endpoint, d.*, a.*, c.*, last.at as last_triggered
                        from unnest($1::text[]) as e(endpoint)
                        cross join lateral (
                            select count(*) filter (where attempt_count > 0) as sent,
                                   count(*) filter (where status = 'SUCCESS') as delivered,
                                   count(*) filter (where status = 'RETRY_EXHAUSTED') as failed,
                                   count(*) filter (where status in ('PENDING', 'FAILED')) as pending
                            from delivery where endpoint_id = e.endpoint and created_at >= $2 and created_at < $3 and not test) d
                        cross join lateral (
                            select count(*) as attempts,
                                   count(*) filter (where response_status between 200 and 299) as ok,
                                   count(*) filter (where error_category is not null or error is not null or response_status >= 300) as errored,
                                   avg(duration_ms)::float8 as avg_ms,
                                   percentile_cont(0.95) within group (order by duration_ms) as p95
                            from delivery_attempt
                            where endpoint_id = e.endpoint and started_at >= $2 and started_at < $3 and trigger <> 'test') a
                        cross join lateral (
                            select coalesce(jsonb_object_agg(category, n), '{}'::jsonb)::text as errors
                            from (select error_category as category, count(*) as n from delivery_attempt
                                  where endpoint_id = e.endpoint and started_at >= $2 and started_at < $3 and trigger <> 'test'
                                    and error_category is not null
                                  group by error_category) counted) c
                        cross join lateral (select max(created_at) as at from delivery where endpoint_id = e.endpoint and not test) last""")
                .execute(Tuple.of(endpoints.stream().map(e -> e.id).toArray(String[]::new), since, until))
                .map(rows -> {
                    Map<String, Row> byEndpoint = new HashMap<>();
                    rows.forEach(row -> byEndpoint.put(row.getString("endpoint"), row));
                    return endpoints.stream().map(endpoint -> stats(endpoint, byEndpoint.get(endpoint.id), since, until)).toList();
                });
    }

    private EndpointStats stats(Endpoint endpoint, Row row, OffsetDateTime since, OffsetDateTime until) {
        long delivered = row.getLong("delivered");
        long failed = row.getLong("failed");
        long attempts = row.getLong("attempts");
        Double successRate = ratio(delivered, delivered + failed);
        Double uptime = ratio(row.getLong("ok"), attempts);
        Double p95 = row.getDouble("p95");
        HealthScore health = HealthScore.of(endpoint, successRate, uptime, p95);
        return new EndpointStats(endpoint.id, since, until, row.getLong("sent"), delivered, failed, row.getLong("pending"),
                round(successRate), attempts, round(uptime), round(ratio(row.getLong("errored"), attempts)), errorCounts(row.getString("errors")),
                round(row.getDouble("avg_ms")), round(p95), row.getOffsetDateTime("last_triggered"), health.score(), health.label(),
                endpoint.rateLimitPerMinute, endpoint.adaptiveRate == null ? endpoint.rateLimitPerMinute : round(endpoint.adaptiveRate),
                endpoint.throttledUntil != null && endpoint.throttledUntil.isAfter(OffsetDateTime.now()) ? endpoint.throttledUntil : null,
                endpoint.circuitOpenedAt);
    }

    /** Seed 000's list figures of some endpoints at once: one query, whatever their number. */
    public Uni<Map<String, EndpointSummary>> summaries(List<String> endpointIds, OffsetDateTime since, OffsetDateTime until) {
        if (endpointIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery("""
                        select e.endpoint, d.sent, d.delivered, d.failed, a.avg_ms, last.at as last_triggered
                        from unnest($1::text[]) as e(endpoint)
                        cross join lateral (
                            select count(*) filter (where attempt_count > 0) as sent,
                                   count(*) filter (where status = 'SUCCESS') as delivered,
                                   count(*) filter (where status = 'RETRY_EXHAUSTED') as failed
                            from delivery where endpoint_id = e.endpoint and created_at >= $2 and created_at < $3 and not test) d
                        cross join lateral (
                            select avg(duration_ms)::float8 as avg_ms from delivery_attempt
                            where endpoint_id = e.endpoint and started_at >= $2 and started_at < $3 and trigger <> 'test') a
                        cross join lateral (select max(created_at) as at from delivery where endpoint_id = e.endpoint and not test) last""")
                .execute(Tuple.of(endpointIds.toArray(String[]::new), since, until))
                .map(rows -> {
                    Map<String, EndpointSummary> summaries = new HashMap<>();
                    for (Row row : rows) {
                        long delivered = row.getLong("delivered");
                        long failed = row.getLong("failed");
                        summaries.put(row.getString("endpoint"), new EndpointSummary(row.getLong("sent"),
                                round(ratio(delivered, delivered + failed)),
                                round(row.getDouble("avg_ms")), row.getOffsetDateTime("last_triggered")));
                    }
                    return summaries;
                });
    }

    /** Buckets of one {@code period} ("hour" or "day") from {@code since} (rounded down) to {@code until}, empty ones included. */
    public Uni<List<AnalyticsBucket>> buckets(Endpoint endpoint, String period, OffsetDateTime since, OffsetDateTime until) {
        return pool.preparedQuery("""
                        with buckets as (
                            select generate_series(date_trunc($2, $3 at time zone 'UTC'), $4 at time zone 'UTC' - interval '1 microsecond',
                                                   ('1 ' || $2)::interval) at time zone 'UTC' as start),
                        d as (
                            select date_trunc($2, created_at at time zone 'UTC') at time zone 'UTC' as b, count(*) as n,
                                   count(*) filter (where status = 'SUCCESS') as ok, count(*) filter (where status = 'RETRY_EXHAUSTED') as dead
                            from delivery where endpoint_id = $1 and created_at >= $3 and created_at < $4 and not test group by 1),
                        a as (
                            select date_trunc($2, started_at at time zone 'UTC') at time zone 'UTC' as b, count(*) as n,
                                   count(*) filter (where response_status between 200 and 299) as ok,
                                   count(*) filter (where error_category is not null or error is not null or response_status >= 300) as errored,
                                   avg(duration_ms)::float8 as avg_ms,
                                   percentile_cont(0.5) within group (order by duration_ms) as p50,
                                   percentile_cont(0.95) within group (order by duration_ms) as p95
                            from delivery_attempt where endpoint_id = $1 and started_at >= $3 and started_at < $4 and trigger <> 'test' group by 1)
                        select buckets.start, coalesce(d.n, 0) as deliveries, coalesce(d.ok, 0) as delivered, coalesce(d.dead, 0) as failed,
                               coalesce(a.n, 0) as attempts, coalesce(a.ok, 0) as ok_attempts, coalesce(a.errored, 0) as errored,
                               a.avg_ms, a.p50, a.p95
                        from buckets left join d on d.b = buckets.start left join a on a.b = buckets.start
                        order by buckets.start""")
                .execute(Tuple.of(endpoint.id, period, since, until))
                .map(rows -> {
                    List<AnalyticsBucket> buckets = new ArrayList<>();
                    for (Row row : rows) {
                        long delivered = row.getLong("delivered");
                        long failed = row.getLong("failed");
                        long attempts = row.getLong("attempts");
                        Double successRate = ratio(delivered, delivered + failed);
                        Double uptime = ratio(row.getLong("ok_attempts"), attempts);
                        Double p95 = row.getDouble("p95");
                        buckets.add(new AnalyticsBucket(row.getOffsetDateTime("start"), row.getLong("deliveries"), delivered, failed, attempts,
                                row.getLong("ok_attempts"), row.getLong("errored"), round(successRate), round(uptime),
                                round(ratio(row.getLong("errored"), attempts)), round(row.getDouble("avg_ms")), round(row.getDouble("p50")),
                                round(p95), HealthScore.ofPeriod(endpoint.timeoutMs, successRate, uptime, p95)));
                    }
                    return buckets;
                });
    }

    /** Seed 003's "delivery stats" query as an API: per event type, for one organisation or (null) all. */
    public Uni<List<EventTypeStats>> byEventType(String tenantId, OffsetDateTime since, OffsetDateTime until) {
        return pool.preparedQuery("""
                        select e.type as event, count(*) as total, avg(d.attempt_count)::float8 as avg_attempts,
                               count(*) filter (where d.status = 'SUCCESS') as successful,
                               count(*) filter (where d.status = 'RETRY_EXHAUSTED') as failed,
                               count(*) filter (where d.status in ('PENDING', 'FAILED')) as pending
                        from delivery d join event e on e.id = d.event_id
                        where ($1::text is null or d.tenant_id = $1) and d.created_at >= $2 and d.created_at < $3 and not d.test
                        group by e.type order by total desc, e.type""")
                .execute(Tuple.of(tenantId, since, until))
                .map(rows -> {
                    List<EventTypeStats> stats = new ArrayList<>();
                    for (Row row : rows) {
                        stats.add(new EventTypeStats(row.getString("event"), row.getLong("total"), round(row.getDouble("avg_attempts")),
                                row.getLong("successful"), row.getLong("failed"), row.getLong("pending")));
                    }
                    return stats;
                });
    }

    /** The attempts' error categories and their counts, most frequent first. */
    private static Map<String, Long> errorCounts(String json) {
        Map<String, Long> counts = new TreeMap<>();
        new io.vertx.core.json.JsonObject(json).forEach(entry -> counts.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
        Map<String, Long> ordered = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        return ordered;
    }

    /** part ÷ whole, or null when there is no whole. */
    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double round(Double value) {
        return value == null ? null : Math.round(value * 1000) / 1000.0;
    }
}
