package io.hookgate.delivery.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.alert.ExhaustedDeliveryAlerts;
import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records an attempt's outcome on its endpoint under a row lock: a success closes the circuit and clears the failure
 * counters; a failure counts toward opening the circuit; a delivery that exhausts its retries counts toward disabling
 * the endpoint. Each change is announced to the organisation's endpoints as an operational event, in the same
 * transaction: {@code endpoint.circuit_opened} (at most one per endpoint per alert interval), its
 * {@code endpoint.circuit_closed}, {@code endpoint.disabled}, and {@code delivery.exhausted} (or a count toward its
 * digest: {@link ExhaustedDeliveryAlerts}).
 */
@ApplicationScoped
public class EndpointHealth {

    private static final Logger LOG = Logger.getLogger(EndpointHealth.class);

    private final DeliveryConfig config;
    private final EventJournal journal;
    private final ObjectMapper json;
    private final ExhaustedDeliveryAlerts exhaustedAlerts;

    public EndpointHealth(DeliveryConfig config, EventJournal journal, ObjectMapper json, ExhaustedDeliveryAlerts exhaustedAlerts) {
        this.config = config;
        this.exhaustedAlerts = exhaustedAlerts;
        this.journal = journal;
        this.json = json;
    }

    /** What an attempt says about its endpoint's availability. */
    public enum Verdict {
        /** A 2xx: the endpoint works. */
        SUCCEEDED,
        /** A deliberate refusal (410 Gone): the delivery failed, but the endpoint answers, so its circuit closes. */
        ANSWERED,
        /** No call was made (a private address): nothing is learnt about the endpoint. */
        NOT_CALLED,
        /** An error, timeout or other status: counts toward opening the circuit. */
        FAILED
    }

    /**
     * A success on an endpoint that already counts as healthy changes nothing, and locks nothing. {@code before} is the
     * row as this statement found it: a circuit it closes whose opening was announced is announced closed. Two
     * successes at once: the second re-checks the updated row, finds nothing to change and announces nothing. A rate
     * lowered by adaptive limiting is raised by half a step after its last change ({@code $4} seconds), up to the
     * configured rate (null).
     */
    static final String HEALTHY = """
            update endpoint e set consecutive_failures = 0, consecutive_failed_deliveries = 0, failing_since = null,
                circuit_opened_at = null, circuit_alert_open = false, slow_since = case when $2 then coalesce(e.slow_since, $3) end,
                adaptive_rate = case when e.adaptive_rate is null or e.adaptive_changed_at > $3::timestamptz - make_interval(secs => $4)
                                     then e.adaptive_rate
                                     when e.adaptive_rate * 1.5 >= e.rate_limit_per_minute then null
                                     else e.adaptive_rate * 1.5 end,
                adaptive_changed_at = case when e.adaptive_rate is null or e.adaptive_changed_at > $3::timestamptz - make_interval(secs => $4)
                                           then e.adaptive_changed_at else $3 end
            from (select id, circuit_opened_at, circuit_alert_open, adaptive_rate from endpoint where id = $1) before
            where e.id = $1 and before.id = e.id
              and (e.consecutive_failures <> 0 or e.consecutive_failed_deliveries <> 0 or e.failing_since is not null
                or e.circuit_opened_at is not null or (e.slow_since is not null) <> $2
                or (e.adaptive_rate is not null and e.adaptive_changed_at <= $3::timestamptz - make_interval(secs => $4)))
            returning e.slow_since is not null as slow, e.tenant_id, before.circuit_opened_at as opened_at,
                      before.circuit_opened_at is not null and before.circuit_alert_open as announce_closed,
                      before.adaptive_rate as rate_before, e.adaptive_rate as rate, e.rate_limit_per_minute as configured_rate""";

    /**
     * Adaptive limiting after a 429, a 503 or an attempt that took the whole timeout: the rate halves (at most once per
     * step, never below the minimum) and a Retry-After pauses every delivery to the endpoint until {@code $3}.
     */
    static final String THROTTLE = """
            update endpoint e set
                adaptive_rate = case when e.adaptive_changed_at is null or e.adaptive_changed_at <= $2::timestamptz - make_interval(secs => $4)
                                     then greatest($5, coalesce(e.adaptive_rate, e.rate_limit_per_minute) / 2.0)
                                     else coalesce(e.adaptive_rate, e.rate_limit_per_minute) end,
                adaptive_changed_at = case when e.adaptive_changed_at is null or e.adaptive_changed_at <= $2::timestamptz - make_interval(secs => $4)
                                           then $2 else e.adaptive_changed_at end,
                throttled_until = case when $3::timestamptz is null then e.throttled_until
                                       else greatest(coalesce(e.throttled_until, $3::timestamptz), $3::timestamptz) end
            from (select id, adaptive_rate from endpoint where id = $1) before
            where e.id = $1 and before.id = e.id
            returning before.adaptive_rate as rate_before, e.adaptive_rate as rate, e.throttled_until""";
    static final String LOCK = """
            select tenant_id, active, consecutive_failures, consecutive_failed_deliveries, failing_since, circuit_opened_at, slow_since,
                   circuit_alerted_at, circuit_alert_open
            from endpoint where id = $1 for update""";
    static final String UPDATE = """
            update endpoint set consecutive_failures = $2, consecutive_failed_deliveries = $3, failing_since = $4,
                circuit_opened_at = $5, slow_since = $6, active = $7, disabled_reason = coalesce($8, disabled_reason),
                disabled_at = coalesce($9, disabled_at),
                updated_at = coalesce($9, updated_at), circuit_alerted_at = $10, circuit_alert_open = $11
            where id = $1""";

    /**
     * Call inside the attempt's transaction; returns the operational events to announce after its commit. An attempt that took at least the slow threshold marks the endpoint slow; a quicker one clears the
     * mark. A failure locks the endpoint's row to count it; a success takes no lock unless it changes something.
     */
    public Uni<Announcement> record(SqlConnection connection, String endpointId, Verdict verdict, boolean deliveryExhausted, Duration took,
                                    Duration throttle) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean slow = took.compareTo(config.slowAttemptThreshold()) >= 0;
        if (verdict == Verdict.SUCCEEDED) {
            return connection.preparedQuery(HEALTHY).execute(Tuple.of(endpointId, slow, now, stepSeconds())).chain(rows -> {
                if (rows.size() == 0) {
                    return Uni.createFrom().item(Announcement.NONE);
                }
                Row row = rows.iterator().next();
                LOG.infof("endpoint %s answered: failure counters cleared, circuit closed, %s",
                        endpointId, row.getBoolean("slow") ? "slow (its deliveries use the slow lane)" : "prompt (main lane)");
                Double before = row.getDouble("rate_before");
                Double rate = row.getDouble("rate");
                if (before != null && !before.equals(rate)) {
                    LOG.infof("endpoint %s recovers: its rate goes from %.1f to %s deliveries a minute", endpointId, before,
                            rate == null ? "its configured " + row.getInteger("configured_rate") : String.format("%.1f", rate));
                }
                return row.getBoolean("announce_closed")
                        ? circuitClosed(connection, endpointId, row.getString("tenant_id"), row.getOffsetDateTime("opened_at"), now)
                        : Uni.createFrom().item(Announcement.NONE);
            });
        }
        Uni<Void> throttled = throttle == null ? Uni.createFrom().voidItem() : throttle(connection, endpointId, now, throttle);
        return throttled.chain(() -> connection.preparedQuery(LOCK).execute(Tuple.of(endpointId))).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Announcement.NONE);
            }
            Row row = rows.iterator().next();
            Endpoint endpoint = locked(endpointId, row);
            boolean wasActive = endpoint.active;
            OffsetDateTime wasOpenedAt = endpoint.circuitOpenedAt;
            OffsetDateTime alertedAt = row.getOffsetDateTime("circuit_alerted_at");
            boolean alertOpen = row.getBoolean("circuit_alert_open");
            if (slow && endpoint.slowSince == null) {
                endpoint.slowSince = now;
                LOG.infof("endpoint %s is slow (an attempt took %d ms): its deliveries use the slow lane", endpoint.id, took.toMillis());
            } else if (!slow && endpoint.slowSince != null) {
                endpoint.slowSince = null;
                LOG.infof("endpoint %s answers promptly again: its deliveries leave the slow lane", endpoint.id);
            }
            if (verdict == Verdict.ANSWERED) {
                endpoint.consecutiveFailures = 0;
                endpoint.circuitOpenedAt = null;
            } else if (verdict == Verdict.FAILED) {
                endpoint.consecutiveFailures++;
            }
            if (endpoint.failingSince == null) {
                endpoint.failingSince = now;
            }
            boolean opening = endpoint.consecutiveFailures >= config.circuitFailureThreshold() && endpoint.circuitOpenedAt == null;
            boolean announceOpened = false;
            if (opening) {
                endpoint.circuitOpenedAt = now;
                announceOpened = alertedAt == null || !alertedAt.plus(config.alertMinInterval()).isAfter(now);
                alertOpen = announceOpened;
                if (announceOpened) {
                    alertedAt = now;
                }
                LOG.warnf("circuit of endpoint %s opened after %d consecutive failures%s", endpoint.id, endpoint.consecutiveFailures,
                        announceOpened ? "" : " (not announced: the last opening alert was less than the alert interval ago)");
            }
            boolean announceClosed = wasOpenedAt != null && endpoint.circuitOpenedAt == null && alertOpen;
            if (wasOpenedAt != null && endpoint.circuitOpenedAt == null) {
                alertOpen = false;
            }
            if (deliveryExhausted) {
                endpoint.consecutiveFailedDeliveries++;
            }
            String reason = disableReason(endpoint, now);
            boolean disabling = reason != null && wasActive;
            if (disabling) {
                endpoint.active = false;
                endpoint.disabledReason = reason;
                endpoint.disabledAt = now;
            }
            boolean announcesOpening = announceOpened;
            boolean announcesClosing = announceClosed;
            return connection.preparedQuery(UPDATE)
                    .execute(Tuple.from(new Object[] {endpoint.id, endpoint.consecutiveFailures, endpoint.consecutiveFailedDeliveries,
                            endpoint.failingSince, endpoint.circuitOpenedAt, endpoint.slowSince, endpoint.active,
                            endpoint.disabledReason, endpoint.disabledAt, alertedAt, alertOpen}))
                    .chain(() -> opened(connection, endpoint, now, announcesOpening))
                    .chain(first -> (announcesClosing ? circuitClosed(connection, endpoint.id, endpoint.tenantId, wasOpenedAt, now)
                            : Uni.createFrom().item(Announcement.NONE)).map(first::and))
                    .chain(first -> (disabling ? disable(connection, endpoint, reason, now) : Uni.createFrom().item(Announcement.NONE))
                            .map(first::and))
                    .chain(first -> (deliveryExhausted ? exhaustedAlerts.exhausted(connection, endpoint.id, now)
                            : Uni.createFrom().item(Announcement.NONE)).map(first::and));
        });
    }

    /** Lowers the endpoint's rate, and pauses it for {@code pause} when that is not zero (a Retry-After). */
    private Uni<Void> throttle(SqlConnection connection, String endpointId, OffsetDateTime now, Duration pause) {
        Duration capped = pause.compareTo(config.maxRetryAfter()) > 0 ? config.maxRetryAfter() : pause;
        OffsetDateTime until = capped.isZero() ? null : now.plus(capped);
        return connection.preparedQuery(THROTTLE)
                .execute(Tuple.from(new Object[] {endpointId, now, until, stepSeconds(), config.adaptiveMinRate()}))
                .invoke(rows -> rows.forEach(row -> {
                    Double before = row.getDouble("rate_before");
                    double rate = row.getDouble("rate");
                    if (before == null || before != rate) {
                        LOG.infof("endpoint %s is throttling us: its rate goes down to %.1f deliveries a minute%s", endpointId, rate,
                                until == null ? "" : ", nothing before " + row.getOffsetDateTime("throttled_until"));
                    }
                }))
                .replaceWithVoid();
    }

    private double stepSeconds() {
        return config.adaptiveStep().toMillis() / 1000.0;
    }

    private Uni<Announcement> opened(SqlConnection connection, Endpoint endpoint, OffsetDateTime now, boolean announce) {
        if (!announce) {
            return Uni.createFrom().item(Announcement.NONE);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id);
        data.put("consecutiveFailures", endpoint.consecutiveFailures);
        data.put("failingSince", endpoint.failingSince.toString());
        data.put("openedAt", now.toString());
        data.put("retryAt", now.plus(config.circuitOpenDuration()).toString());
        return announce(connection, endpoint.tenantId, "endpoint.circuit_opened", data);
    }

    private Uni<Announcement> circuitClosed(SqlConnection connection, String endpointId, String tenantId, OffsetDateTime openedAt,
                                            OffsetDateTime now) {
        LOG.infof("circuit of endpoint %s closed after %d s open", endpointId, Duration.between(openedAt, now).toSeconds());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpointId);
        data.put("openedAt", openedAt.toString());
        data.put("closedAt", now.toString());
        data.put("openSeconds", Duration.between(openedAt, now).toSeconds());
        return announce(connection, tenantId, "endpoint.circuit_closed", data);
    }

    private Uni<Announcement> announce(SqlConnection connection, String tenantId, String type, Map<String, Object> data) {
        return journal.append(connection, NewEvent.webhook(tenantId, type, "hookgate", write(data))).map(Announcement::of);
    }

    private static Endpoint locked(String id, Row row) {
        Endpoint endpoint = new Endpoint();
        endpoint.id = id;
        endpoint.tenantId = row.getString("tenant_id");
        endpoint.active = row.getBoolean("active");
        endpoint.consecutiveFailures = row.getInteger("consecutive_failures");
        endpoint.consecutiveFailedDeliveries = row.getInteger("consecutive_failed_deliveries");
        endpoint.failingSince = row.getOffsetDateTime("failing_since");
        endpoint.circuitOpenedAt = row.getOffsetDateTime("circuit_opened_at");
        endpoint.slowSince = row.getOffsetDateTime("slow_since");
        return endpoint;
    }

    private String disableReason(Endpoint endpoint, OffsetDateTime now) {
        if (endpoint.consecutiveFailedDeliveries >= config.disableAfterFailedDeliveries()) {
            return endpoint.consecutiveFailedDeliveries + " consecutive deliveries failed after all retries";
        }
        if (endpoint.failingSince != null && endpoint.failingSince.plus(config.disableAfterFailingFor()).isBefore(now)) {
            return "every attempt failed since " + endpoint.failingSince;
        }
        return null;
    }

    private Uni<Announcement> disable(SqlConnection connection, Endpoint endpoint, String reason, OffsetDateTime now) {
        LOG.warnf("endpoint %s disabled: %s", endpoint.id, reason);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id);
        data.put("reason", reason);
        data.put("disabledAt", now.toString());
        return announce(connection, endpoint.tenantId, "endpoint.disabled", data);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
