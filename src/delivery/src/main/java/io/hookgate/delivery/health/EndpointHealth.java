package io.hookgate.delivery.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.LockMode;
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

    /**
     * Call inside the attempt's transaction; returns the {@code endpoint.disabled} event to announce, if it disabled the endpoint. An attempt
     * that took at least the slow threshold marks the endpoint slow; a quicker one clears the mark.
     */
    public Uni<Announcement> record(String endpointId, Verdict verdict, boolean deliveryExhausted, Duration took) {
        return Panache.getSession()
                .chain(session -> session.find(Endpoint.class, endpointId, LockMode.PESSIMISTIC_WRITE))
                .chain(endpoint -> {
                    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                    boolean slow = took.compareTo(config.slowAttemptThreshold()) >= 0;
                    if (slow && endpoint.slowSince == null) {
                        endpoint.slowSince = now;
                        LOG.infof("endpoint %s is slow (an attempt took %d ms): its deliveries use the slow lane", endpoint.id, took.toMillis());
                    } else if (!slow && endpoint.slowSince != null) {
                        endpoint.slowSince = null;
                        LOG.infof("endpoint %s answers promptly again: its deliveries leave the slow lane", endpoint.id);
                    }
                    if (verdict == Verdict.SUCCEEDED) {
                        endpoint.consecutiveFailures = 0;
                        endpoint.consecutiveFailedDeliveries = 0;
                        endpoint.failingSince = null;
                        endpoint.circuitOpenedAt = null;
                        return Uni.createFrom().item(Announcement.NONE);
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
                    return reason == null || !endpoint.active ? Uni.createFrom().item(Announcement.NONE) : disable(endpoint, reason, now);
                });
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

    private Uni<Announcement> disable(Endpoint endpoint, String reason, OffsetDateTime now) {
        endpoint.active = false;
        endpoint.disabledReason = reason;
        endpoint.disabledAt = now;
        endpoint.updatedAt = now;
        LOG.warnf("endpoint %s disabled: %s", endpoint.id, reason);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpoint.id);
        data.put("reason", reason);
        data.put("disabledAt", now.toString());
        return Panache.getSession()
                .chain(session -> journal.append(session, NewEvent.webhook(endpoint.tenantId, "endpoint.disabled", "hookgate", write(data))))
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
