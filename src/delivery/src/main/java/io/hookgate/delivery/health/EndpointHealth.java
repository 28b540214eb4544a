package io.hookgate.delivery.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * the endpoint, which then emits {@code endpoint.disabled}.
 */
@ApplicationScoped
public class EndpointHealth {

    private static final Logger LOG = Logger.getLogger(EndpointHealth.class);

    private final DeliveryConfig config;
    private final EventJournal journal;
    private final ObjectMapper json;

    public EndpointHealth(DeliveryConfig config, EventJournal journal, ObjectMapper json) {
        this.config = config;
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

    /** A success on an endpoint that already counts as healthy changes nothing, and locks nothing. */
    static final String HEALTHY = """
            update endpoint set consecutive_failures = 0, consecutive_failed_deliveries = 0, failing_since = null,
                circuit_opened_at = null, slow_since = case when $2 then coalesce(slow_since, $3) end
            where id = $1 and (consecutive_failures <> 0 or consecutive_failed_deliveries <> 0 or failing_since is not null
                or circuit_opened_at is not null or (slow_since is not null) <> $2)
            returning slow_since is not null as slow""";
    static final String LOCK = """
            select tenant_id, active, consecutive_failures, consecutive_failed_deliveries, failing_since, circuit_opened_at, slow_since
            from endpoint where id = $1 for update""";
    static final String UPDATE = """
            update endpoint set consecutive_failures = $2, consecutive_failed_deliveries = $3, failing_since = $4,
                circuit_opened_at = $5, slow_since = $6, active = $7, disabled_reason = coalesce($8, disabled_reason),
                disabled_at = coalesce($9, disabled_at),
                updated_at = coalesce($9, updated_at)
            where id = $1""";

    /**
     * Call inside the attempt's transaction; returns the {@code endpoint.disabled} event to announce, if it disabled
     * the endpoint. An attempt that took at least the slow threshold marks the endpoint slow; a quicker one clears the
     * mark. A failure locks the endpoint's row to count it; a success takes no lock unless it changes something.
     */
    public Uni<Announcement> record(SqlConnection connection, String endpointId, Verdict verdict, boolean deliveryExhausted, Duration took) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        boolean slow = took.compareTo(config.slowAttemptThreshold()) >= 0;
        if (verdict == Verdict.SUCCEEDED) {
            return connection.preparedQuery(HEALTHY).execute(Tuple.of(endpointId, slow, now))
                    .invoke(rows -> rows.forEach(row -> LOG.infof("endpoint %s answered: failure counters cleared, circuit closed, %s",
                            endpointId, row.getBoolean("slow") ? "slow (its deliveries use the slow lane)" : "prompt (main lane)")))
                    .replaceWith(Announcement.NONE);
        }
        return connection.preparedQuery(LOCK).execute(Tuple.of(endpointId)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(Announcement.NONE);
            }
            Endpoint endpoint = locked(endpointId, rows.iterator().next());
            boolean wasActive = endpoint.active;
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
            if (endpoint.consecutiveFailures >= config.circuitFailureThreshold() && endpoint.circuitOpenedAt == null) {
                endpoint.circuitOpenedAt = now;
                LOG.warnf("circuit of endpoint %s opened after %d consecutive failures", endpoint.id, endpoint.consecutiveFailures);
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
            return connection.preparedQuery(UPDATE)
                    .execute(Tuple.from(new Object[] {endpoint.id, endpoint.consecutiveFailures, endpoint.consecutiveFailedDeliveries,
                            endpoint.failingSince, endpoint.circuitOpenedAt, endpoint.slowSince, endpoint.active,
                            endpoint.disabledReason, endpoint.disabledAt}))
                    .chain(() -> disabling ? disable(connection, endpoint, reason, now) : Uni.createFrom().item(Announcement.NONE));
        });
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
        return journal.append(connection, NewEvent.webhook(endpoint.tenantId, "endpoint.disabled", "hookgate", write(data)))
                .map(Announcement::of);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
