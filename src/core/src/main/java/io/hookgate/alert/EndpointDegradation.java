package io.hookgate.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code endpoint.degraded} and {@code endpoint.recovered}: every {@link AlertConfig#healthCheckEvery()}, each endpoint
 * attempted in the last {@link AlertConfig#degradedWindow()} is measured (share of successful attempts, p95 response
 * time) against its organisation's thresholds ({@code tenant_alert_settings}, else the configured defaults). Crossing
 * them changes the endpoint's state with a conditional update, so of several instances only one announces it; a
 * flapping endpoint's degradations within {@link AlertConfig#degradedAlertInterval()} are folded into the first.
 */
@ApplicationScoped
public class EndpointDegradation {

    private static final Logger LOG = Logger.getLogger(EndpointDegradation.class);

    static final String MEASURED = """
            with recent as (
                select a.endpoint_id, count(*) as attempts,
                       count(*) filter (where a.error is null and coalesce(a.response_status, 200) < 300) as ok,
                       percentile_cont(0.95) within group (order by a.duration_ms) as p95
                from delivery_attempt a
                where a.started_at >= clock_timestamp() - make_interval(secs => $1) and a.trigger <> 'test'
                group by a.endpoint_id)
            select e.id, e.tenant_id, e.degraded_since is not null as degraded, r.attempts, r.ok, r.p95,
                   coalesce(s.min_success_rate, $2) as min_rate, coalesce(s.max_p95_ms, $3) as max_p95,
                   coalesce(s.min_attempts, $4) as min_attempts
            from recent r join endpoint e on e.id = r.endpoint_id and e.deleted_at is null
            left join tenant_alert_settings s on s.tenant_id = e.tenant_id""";

    static final String DEGRADE = """
            update endpoint set degraded_since = clock_timestamp(),
                degraded_alert_open = degraded_alerted_at is null or degraded_alerted_at <= clock_timestamp() - make_interval(secs => $2),
                degraded_alerted_at = case when degraded_alerted_at is null or degraded_alerted_at <= clock_timestamp() - make_interval(secs => $2)
                                           then clock_timestamp() else degraded_alerted_at end
            where id = $1 and degraded_since is null
            returning degraded_alert_open as announce, degraded_since""";

    static final String RECOVER = """
            update endpoint e set degraded_since = null, degraded_alert_open = false
            from (select id, degraded_since, degraded_alert_open from endpoint where id = $1) before
            where e.id = $1 and before.id = e.id and e.degraded_since is not null
            returning before.degraded_since, before.degraded_alert_open as announce, clock_timestamp() as recovered_at""";

    /** One endpoint's figures over the window, against its organisation's thresholds. */
    record Measured(String endpointId, String tenantId, boolean degraded, long attempts, double successRate, double p95,
                    double minRate, int maxP95, int minAttempts) {

        boolean enough() {
            return attempts >= minAttempts;
        }

        boolean below() {
            return successRate < minRate || p95 > maxP95;
        }
    }

    private final Pool pool;
    private final AlertConfig config;
    private final EventJournal journal;
    private final ObjectMapper json;

    public EndpointDegradation(Pool pool, AlertConfig config, EventJournal journal, ObjectMapper json) {
        this.pool = pool;
        this.config = config;
        this.journal = journal;
        this.json = json;
    }

    @Scheduled(identity = "endpoint-degradation", every = "${hookgate.alerts.health-check-every:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> run() {
        return check()
                .onFailure().invoke(e -> LOG.warnf("endpoint health check failed (%s); the next run tries again", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Measures every recently attempted endpoint; the number of state changes announced. */
    public Uni<Integer> check() {
        return pool.preparedQuery(MEASURED)
                .execute(Tuple.of(config.degradedWindow().toMillis() / 1000.0, config.minSuccessRate(), config.maxP95Ms(), config.minAttempts()))
                .chain(rows -> {
                    List<Measured> changed = new ArrayList<>();
                    for (Row row : rows) {
                        long attempts = row.getLong("attempts");
                        Measured m = new Measured(row.getString("id"), row.getString("tenant_id"), row.getBoolean("degraded"), attempts,
                                (double) row.getLong("ok") / attempts, row.getDouble("p95"), row.getDouble("min_rate"),
                                row.getInteger("max_p95"), row.getInteger("min_attempts"));
                        if (m.enough() && m.below() != m.degraded()) {
                            changed.add(m);
                        }
                    }
                    Uni<Integer> done = Uni.createFrom().item(0);
                    for (Measured m : changed) {
                        done = done.chain(count -> change(m).map(announced -> count + announced));
                    }
                    return done;
                });
    }

    private Uni<Integer> change(Measured m) {
        return pool.withTransaction(connection -> connection.preparedQuery(m.below() ? DEGRADE : RECOVER)
                        .execute(m.below() ? Tuple.of(m.endpointId(), config.degradedAlertInterval().toMillis() / 1000.0) : Tuple.of(m.endpointId()))
                        .chain(rows -> {
                            if (rows.size() == 0 || !rows.iterator().next().getBoolean("announce")) {
                                return Uni.createFrom().item(Announcement.NONE);
                            }
                            Row row = rows.iterator().next();
                            ObjectNode data = figures(m);
                            String type;
                            if (m.below()) {
                                type = "endpoint.degraded";
                                data.put("reason", m.successRate() < m.minRate() && m.p95() > m.maxP95() ? "success_rate_and_p95"
                                        : m.successRate() < m.minRate() ? "success_rate" : "p95");
                                data.putObject("thresholds").put("minSuccessRate", m.minRate()).put("maxP95ResponseTime", m.maxP95())
                                        .put("minAttempts", m.minAttempts());
                                data.put("degradedAt", row.getOffsetDateTime("degraded_since").toString());
                                LOG.warnf("endpoint %s degraded: %.0f%% of %d attempts succeeded, p95 %.0f ms", m.endpointId(),
                                        m.successRate() * 100, m.attempts(), m.p95());
                            } else {
                                type = "endpoint.recovered";
                                OffsetDateTime since = row.getOffsetDateTime("degraded_since");
                                OffsetDateTime at = row.getOffsetDateTime("recovered_at");
                                data.put("degradedSince", since.toString()).put("recoveredAt", at.toString())
                                        .put("degradedSeconds", Duration.between(since, at).toSeconds());
                                LOG.infof("endpoint %s recovered: %.0f%% of %d attempts succeeded, p95 %.0f ms", m.endpointId(),
                                        m.successRate() * 100, m.attempts(), m.p95());
                            }
                            return journal.append(connection, NewEvent.webhook(m.tenantId(), type, "hookgate", data.toString()))
                                    .map(Announcement::of);
                        }))
                .call(journal::announce)
                .map(announced -> announced.events().size());
    }

    private ObjectNode figures(Measured m) {
        return json.createObjectNode().put("endpointId", m.endpointId())
                .put("successRate", Math.round(m.successRate() * 1000) / 1000.0)
                .put("p95ResponseTime", Math.round(m.p95()))
                .put("attempts", m.attempts())
                .put("windowSeconds", config.degradedWindow().toSeconds());
    }
}
