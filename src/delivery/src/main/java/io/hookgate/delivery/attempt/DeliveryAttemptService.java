package io.hookgate.delivery.attempt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Blocking;
import io.hookgate.core.Ids;
import io.hookgate.core.QueueMessage;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.delivery.schedule.Doorbells;
import io.hookgate.delivery.Delivery;
import io.hookgate.delivery.DeliveryAttempt;
import io.hookgate.delivery.DeliveryStatus;
import io.hookgate.delivery.channel.ChannelMessages;
import io.hookgate.delivery.channel.OutboundMessage;
import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.delivery.retry.RetrySchedule;
import io.hookgate.delivery.health.EndpointCircuit;
import io.hookgate.delivery.health.EndpointHealth;
import io.hookgate.delivery.health.EndpointRateLimit;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.endpoint.RetryPolicy;
import io.hookgate.event.Event;
import io.hookgate.event.EventJournal;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Answers one doorbell: claims the delivery, holds it (circuit, rate limit, lane, disabled endpoint) by moving its due
 * time, or makes one attempt on its endpoint's channel and records it: claim and read, call with no transaction open,
 * then write. Every outcome names the next doorbell to ring, if any.
 */
@ApplicationScoped
public class DeliveryAttemptService {

    private static final Logger LOG = Logger.getLogger(DeliveryAttemptService.class);
    /** The trigger every attempt of a test delivery is logged with. */
    public static final String TEST_TRIGGER = "test";

    private final ChannelMessages messages;
    private final WebhookHttpClient http;
    private final MailSender mail;
    private final RetrySchedule retries;
    private final DeliveryConfig config;
    private final ObjectMapper json;
    private final EndpointCircuit circuit;
    private final EndpointHealth health;
    private final EndpointRateLimit rateLimit;
    private final EventJournal journal;
    private final DeliveryClaims claims;

    public DeliveryAttemptService(ChannelMessages messages, WebhookHttpClient http, MailSender mail, RetrySchedule retries,
                                  DeliveryConfig config, ObjectMapper json, EndpointCircuit circuit, EndpointHealth health,
                                  EndpointRateLimit rateLimit, EventJournal journal, DeliveryClaims claims) {
        this.claims = claims;
        this.rateLimit = rateLimit;
        this.circuit = circuit;
        this.health = health;
        this.journal = journal;
        this.messages = messages;
        this.http = http;
        this.mail = mail;
        this.retries = retries;
        this.config = config;
        this.json = json;
    }

    /**
     * Blocking: call from the function's worker thread, never from an event loop. {@code slowLane} says whether the
     * doorbell came on the slow lane; a main-lane delivery to a slow endpoint is moved there without an attempt.
     */
    public AttemptResult attempt(String deliveryId, String trigger, boolean slowLane) {
        Preparation preparation = Blocking.await(() -> prepare(deliveryId, trigger, slowLane));
        if (!(preparation instanceof PreparedAttempt prepared)) {
            return (AttemptResult) preparation;
        }
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        // the SSRF guard resolves the host, which blocks: here, on the worker thread, never inside the reactive prepare
        String refusal = prepared.refusal() != null ? prepared.refusal()
                : prepared.message() instanceof OutboundMessage.Http http
                ? TargetGuard.refusal(http.url(), config.allowPrivateTargets(), config.requireHttps()) : null;
        AttemptOutcome outcome = refusal != null ? AttemptOutcome.refused(refusal, 0) : send(prepared);
        LOG.infof("delivery %s attempt %d to %s: %s", deliveryId, prepared.attemptNumber(), prepared.endpointId(),
                outcome.status() != null ? outcome.status() : outcome.error() != null ? outcome.error() : "sent");
        AttemptResult result = Blocking.await(() -> record(prepared, outcome, startedAt, trigger));
        if (!result.announcement().events().isEmpty()) {
            Blocking.await(() -> journal.announce(result.announcement()));
        }
        return result;
    }

    private AttemptOutcome send(PreparedAttempt prepared) {
        return switch (prepared.message()) {
            case OutboundMessage.Http post -> http.post(post.url(), post.headers(), post.body(), prepared.timeout(), config.maxLoggedResponseBytes());
            case OutboundMessage.Email email -> mail.send(email, prepared.timeout());
        };
    }

    /** Claims the delivery, then either prepares its attempt or holds it (moving its due time) without one. */
    @WithTransaction
    Uni<Preparation> prepare(String deliveryId, String trigger, boolean slowLane) {
        String leaseId = Ids.next("lease");
        return claims.claim(deliveryId, leaseId).chain(claimed -> !claimed
                ? claims.rescheduleEarly(deliveryId, trigger).map(next -> (Preparation) AttemptResult.ringing(deliveryId, next))
                : Delivery.<Delivery>findById(deliveryId).chain(delivery -> Endpoint.<Endpoint>findById(delivery.endpointId)
                        .chain(endpoint -> prepare(delivery, endpoint, leaseId, trigger, slowLane))));
    }

    private Uni<Preparation> prepare(Delivery delivery, Endpoint endpoint, String leaseId, String trigger, boolean slowLane) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (delivery.test || endpoint.deletedAt != null) {
            // A test is sent now, whatever the endpoint's circuit, rate limit, lane or enabled state.
            return attemptNow(delivery, endpoint, leaseId, slowLane);
        }
        if (!endpoint.active) {
            if (delivery.createdAt != null && delivery.createdAt.plus(config.disabledHoldLimit()).isBefore(now)) {
                return attemptNow(delivery, endpoint, leaseId, slowLane);
            }
            return Uni.createFrom().item(hold(delivery, endpoint, config.disabledRecheck(), trigger, "the endpoint is disabled"));
        }
        if (!slowLane && endpoint.slowSince != null) {
            return Uni.createFrom().item(hold(delivery, endpoint, Duration.ZERO, trigger, "the endpoint is slow: to the slow lane"));
        }
        return circuit.holdBack(endpoint).chain(open -> {
            if (open != null) {
                return Uni.createFrom().item(hold(delivery, endpoint, open, trigger, "the endpoint's circuit is open"));
            }
            if (delivery.rateSlotAt != null) {
                return attemptNow(delivery, endpoint, leaseId, slowLane);
            }
            return rateLimit.reserve(endpoint).chain(wait -> {
                if (wait == null) {
                    return attemptNow(delivery, endpoint, leaseId, slowLane);
                }
                delivery.rateSlotAt = now.plus(wait);
                return Uni.createFrom().item(hold(delivery, endpoint, wait, trigger, "its rate-limit slot is later"));
            });
        });
    }

    /**
     * Moves the delivery's due time by {@code wait} without an attempt and gives up the lease; the doorbell for the new
     * time rings now with that delay, or from the reconciler when the wait is longer than SQS delays a message.
     */
    private AttemptResult hold(Delivery delivery, Endpoint endpoint, Duration wait, String trigger, String why) {
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plus(wait);
        boolean rings = Doorbells.ringsFor(wait);
        delivery.nextAttemptAt = due;
        delivery.doorbellAt = rings ? due : null;
        delivery.leaseId = null;
        delivery.leaseUntil = null;
        LOG.infof("delivery %s held %d ms: %s", delivery.id, wait.toMillis(), why);
        return AttemptResult.ringing(delivery.id, rings ? new Doorbell(delivery.id, trigger, wait, endpoint.slowSince != null) : null);
    }

    private Uni<Preparation> attemptNow(Delivery delivery, Endpoint endpoint, String leaseId, boolean slowLane) {
        return Event.<Event>findById(delivery.eventId).map(event -> {
            OutboundMessage message;
            try {
                message = messages.build(delivery.id, endpoint, event);
            } catch (RuntimeException e) {
                // A row stored before the payload limits, or a broken channel setting: fail without a call, listed.
                LOG.warnf("delivery %s cannot be rendered: %s", delivery.id, e.toString());
                return new PreparedAttempt(delivery.id, endpoint.id, leaseId, delivery.attemptCount + 1, null,
                        Duration.ofMillis(endpoint.timeoutMs), "the event cannot be rendered for this endpoint: " + e.getMessage(), null, slowLane);
            }
            String refusal = endpoint.deletedAt != null || (!endpoint.active && !delivery.test)
                    ? "endpoint is " + (endpoint.deletedAt != null ? "deleted" : "disabled") : null;
            return new PreparedAttempt(delivery.id, endpoint.id, leaseId, delivery.attemptCount + 1, message,
                    Duration.ofMillis(endpoint.timeoutMs), refusal, retryPolicy(endpoint), slowLane);
        });
    }

    private RetryPolicy retryPolicy(Endpoint endpoint) {
        try {
            return endpoint.retryPolicy == null ? null : json.readValue(endpoint.retryPolicy, RetryPolicy.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("endpoint %s has an unreadable retry policy; the default schedule applies", endpoint.id);
            return null;
        }
    }

    /**
     * Records the attempt and the delivery's next state in one transaction, if this attempt still holds the lease (one
     * that outlived its lease has been given to another attempt, which records its own).
     */
    @WithTransaction
    Uni<AttemptResult> record(PreparedAttempt prepared, AttemptOutcome outcome, OffsetDateTime startedAt, String trigger) {
        return Delivery.<Delivery>findById(prepared.deliveryId()).chain(delivery -> {
            if (!prepared.leaseId().equals(delivery.leaseId)) {
                LOG.warnf("delivery %s: attempt %d outlived its lease and is not recorded; the attempt that took over records its own",
                        delivery.id, prepared.attemptNumber());
                return Uni.createFrom().item(AttemptResult.done(delivery.id));
            }
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.deliveryId = delivery.id;
            attempt.endpointId = delivery.endpointId;
            attempt.attemptNumber = prepared.attemptNumber();
            attempt.trigger = delivery.test ? TEST_TRIGGER : trigger;
            attempt.startedAt = startedAt;
            attempt.durationMs = (int) outcome.durationMs();
            attempt.requestHeaders = prepared.message() == null ? "{}" : write(prepared.message().loggedHeaders());
            attempt.responseStatus = outcome.status();
            attempt.responseHeaders = outcome.headers() == null ? null : write(outcome.headers());
            attempt.responseBody = outcome.body();
            attempt.error = outcome.error();

            delivery.attemptCount = prepared.attemptNumber();
            delivery.lastStatusCode = outcome.status();
            delivery.lastError = outcome.succeeded() ? null : outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
            delivery.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            delivery.leaseId = null;
            delivery.leaseUntil = null;
            delivery.rateSlotAt = null;
            Duration retryIn = null;
            if (outcome.succeeded()) {
                delivery.status = DeliveryStatus.SUCCESS;
            } else if (delivery.test) {
                delivery.status = DeliveryStatus.FAILED;
            } else {
                retryIn = outcome.isFinal() ? null
                        : retries.nextDelay(delivery.attemptCount, outcome.retryAfter(), prepared.retryPolicy());
                delivery.status = retryIn == null ? DeliveryStatus.RETRY_EXHAUSTED : DeliveryStatus.FAILED;
            }
            Doorbell next = schedule(delivery, retryIn, prepared.slowLane());
            boolean exhausted = delivery.status == DeliveryStatus.RETRY_EXHAUSTED;
            if (delivery.test) {
                return attempt.persist().map(saved -> AttemptResult.done(delivery.id));
            }
            return attempt.persist()
                    .chain(() -> health.record(prepared.endpointId(), outcome.verdict(), exhausted, Duration.ofMillis(outcome.durationMs())))
                    .map(announcement -> new AttemptResult(delivery.id, next, announcement));
        });
    }

    /** Sets when the delivery is next due (never again when {@code retryIn} is null) and the doorbell for it, if any. */
    private static Doorbell schedule(Delivery delivery, Duration retryIn, boolean slowLane) {
        delivery.nextRetryAt = retryIn == null ? null : delivery.updatedAt.plus(retryIn);
        delivery.nextAttemptAt = delivery.nextRetryAt;
        boolean rings = retryIn != null && Doorbells.ringsFor(retryIn);
        delivery.doorbellAt = rings ? delivery.nextAttemptAt : null;
        return rings ? new Doorbell(delivery.id, QueueMessage.AUTOMATIC, retryIn, slowLane) : null;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
