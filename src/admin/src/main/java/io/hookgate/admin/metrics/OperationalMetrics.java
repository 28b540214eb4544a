package io.hookgate.admin.metrics;

import io.hookgate.admin.auth.AdminConfig;
import io.hookgate.core.QueueConfig;
import io.hookgate.core.SqsCalls;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The platform's state as Prometheus gauges on {@code /q/metrics}, read from PostgreSQL and SQS every
 * {@code hookgate.admin.metrics-refresh} (15 s) rather than on every scrape: deliveries of the last hour by status,
 * deliveries in flight and the age of the oldest (queue lag), attempt latency over the last five minutes, circuit
 * and endpoint states, and each queue's visible and in-flight messages. A failed read keeps the last values.
 */
@ApplicationScoped
public class OperationalMetrics {

    private static final Logger LOG = Logger.getLogger(OperationalMetrics.class);
    private static final List<String> STATUSES = List.of("PENDING", "FAILED", "SUCCESS", "RETRY_EXHAUSTED");

    private final Pool pool;
    private final SqsCalls sqs;
    private final QueueConfig queues;
    private final AdminConfig config;
    private final MeterRegistry registry;
    private final Map<String, Double> values = new ConcurrentHashMap<>();

    public OperationalMetrics(Pool pool, SqsCalls sqs, QueueConfig queues, AdminConfig config, MeterRegistry registry) {
        this.pool = pool;
        this.sqs = sqs;
        this.queues = queues;
        this.config = config;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event, Vertx vertx) {
        STATUSES.forEach(status -> gauge("hookgate.deliveries.last.hour", "Deliveries created in the last hour, by status", "status", status));
        gauge("hookgate.deliveries.in.flight", "Deliveries pending or awaiting a retry");
        gauge("hookgate.delivery.lag.seconds", "Age of the oldest delivery still pending or awaiting a retry");
        for (String quantile : List.of("0.5", "0.95", "0.99")) {
            gauge("hookgate.delivery.attempt.seconds", "Attempt duration over the last five minutes", "quantile", quantile);
        }
        gauge("hookgate.delivery.attempts.last.5m", "Attempts made in the last five minutes", "outcome", "success");
        gauge("hookgate.delivery.attempts.last.5m", "Attempts made in the last five minutes", "outcome", "failure");
        for (String state : List.of("open", "closed")) {
            gauge("hookgate.endpoint.circuits", "Live endpoints by circuit state", "state", state);
        }
        for (String state : List.of("active", "disabled")) {
            gauge("hookgate.endpoints", "Live endpoints by state", "state", state);
        }
        for (var queue : queueUrls().entrySet()) {
            gauge("hookgate.queue.messages", "Messages in a queue", "queue", queue.getKey(), "state", "visible");
            gauge("hookgate.queue.messages", "Messages in a queue", "queue", queue.getKey(), "state", "in_flight");
        }
        // No read at start: a cold Lambda start pays nothing. Zero turns the reads off (Lambda, where nothing scrapes).
        if (!config.metricsRefresh().isZero()) {
            vertx.setPeriodic(config.metricsRefresh().toMillis(), id -> refresh().subscribe().with(ignored -> { }, e -> { }));
        }
    }

    /** Reads every figure once; public so a test can wait for a fresh reading. */
    public Uni<Void> refresh() {
        return Uni.join().all(database(), queuesDepth()).andCollectFailures().replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("metrics refresh failed, keeping the last values: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    private Uni<Void> database() {
        return pool.query("""
                        select (select json_object_agg(status, n) from (select status, count(*) as n from delivery
                                 where created_at > now() - interval '1 hour' group by status) s) as by_status,
                               (select count(*) from delivery where status in ('PENDING', 'FAILED')) as in_flight,
                               (select coalesce(extract(epoch from now() - min(created_at)), 0) from delivery
                                 where status in ('PENDING', 'FAILED')) as lag,
                               (select percentile_cont(array[0.5, 0.95, 0.99]) within group (order by duration_ms)
                                  from delivery_attempt where started_at > now() - interval '5 minutes') as quantiles,
                               (select count(*) filter (where response_status between 200 and 299) from delivery_attempt
                                 where started_at > now() - interval '5 minutes') as ok,
                               (select count(*) filter (where response_status is null or response_status not between 200 and 299)
                                  from delivery_attempt where started_at > now() - interval '5 minutes') as failed,
                               (select count(*) filter (where circuit_opened_at is not null) from endpoint where deleted_at is null) as open,
                               (select count(*) filter (where circuit_opened_at is null) from endpoint where deleted_at is null) as closed,
                               (select count(*) filter (where active) from endpoint where deleted_at is null) as active,
                               (select count(*) filter (where not active) from endpoint where deleted_at is null) as disabled""")
                .execute()
                .invoke(rows -> {
                    Row row = rows.iterator().next();
                    var byStatus = row.getJsonObject("by_status");
                    STATUSES.forEach(s -> set(key("hookgate.deliveries.last.hour", "status", s),
                            byStatus == null ? 0 : byStatus.getLong(s, 0L)));
                    set(key("hookgate.deliveries.in.flight"), row.getLong("in_flight"));
                    set(key("hookgate.delivery.lag.seconds"), row.getDouble("lag"));
                    Object[] quantiles = row.getArrayOfDoubles("quantiles");
                    String[] names = {"0.5", "0.95", "0.99"};
                    for (int i = 0; i < names.length; i++) {
                        set(key("hookgate.delivery.attempt.seconds", "quantile", names[i]),
                                quantiles == null || quantiles[i] == null ? 0 : ((Double) quantiles[i]) / 1000);
                    }
                    set(key("hookgate.delivery.attempts.last.5m", "outcome", "success"), row.getLong("ok"));
                    set(key("hookgate.delivery.attempts.last.5m", "outcome", "failure"), row.getLong("failed"));
                    set(key("hookgate.endpoint.circuits", "state", "open"), row.getLong("open"));
                    set(key("hookgate.endpoint.circuits", "state", "closed"), row.getLong("closed"));
                    set(key("hookgate.endpoints", "state", "active"), row.getLong("active"));
                    set(key("hookgate.endpoints", "state", "disabled"), row.getLong("disabled"));
                })
                .replaceWithVoid();
    }

    private Uni<Void> queuesDepth() {
        return Uni.join().all(queueUrls().entrySet().stream().map(queue -> sqs.call(client -> client.getQueueAttributes(b -> b
                        .queueUrl(queue.getValue())
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)))
                .invoke(attributes -> {
                    set(key("hookgate.queue.messages", "queue", queue.getKey(), "state", "visible"),
                            Double.parseDouble(attributes.attributes().getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
                    set(key("hookgate.queue.messages", "queue", queue.getKey(), "state", "in_flight"),
                            Double.parseDouble(attributes.attributes().getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
                })).toList()).andCollectFailures().replaceWithVoid();
    }

    private Map<String, String> queueUrls() {
        return Map.of("events", queues.eventsUrl(), "deliveries", queues.deliveriesUrl(), "deliveries-slow", queues.slowDeliveriesUrl());
    }

    private void gauge(String name, String description, String... tags) {
        String key = key(name, tags);
        values.putIfAbsent(key, 0.0);
        Gauge.builder(name, values, v -> v.getOrDefault(key, 0.0)).description(description).tags(tags).register(registry);
    }

    private void set(String key, double value) {
        values.put(key, value);
    }

    private static String key(String name, String... tags) {
        return name + String.join(",", tags);
    }
}
