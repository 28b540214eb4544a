package io.hookgate.delivery.attempt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Blocking;
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
import io.hookgate.event.OutboxPublisher;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Makes one attempt of a delivery on its endpoint's channel and records it: read, call with no transaction open, then write. */
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
    private final OutboxPublisher outbox;

    public DeliveryAttemptService(ChannelMessages messages, WebhookHttpClient http, MailSender mail, RetrySchedule retries,
                                  DeliveryConfig config, ObjectMapper json, EndpointCircuit circuit, EndpointHealth health,
                                  EndpointRateLimit rateLimit, OutboxPublisher outbox) {
        this.rateLimit = rateLimit;
        this.circuit = circuit;
        this.health = health;
        this.outbox = outbox;
        this.messages = messages;
        this.http = http;
        this.mail = mail;
        this.retries = retries;
        this.config = config;
        this.json = json;
    }

    /**
     * Blocking: call from the function's worker thread, never from an event loop. {@code slowLane} says whether the
     * message came from the slow lane; a main-lane delivery to a slow endpoint is moved there without an attempt.
     */
    public AttemptResult attempt(String deliveryId, String trigger, boolean slowLane) {
        PreparedAttempt prepared = Blocking.await(() -> prepare(deliveryId, slowLane));
        if (prepared == null) {
            return AttemptResult.done(deliveryId);
        }
        if (prepared.toSlowLane()) {
            return AttemptResult.moveToSlowLane(deliveryId);
        }
        if (prepared.heldBack() != null) {
            LOG.infof("delivery %s held back %d ms: endpoint %s has an open circuit or an empty rate bucket",
                    deliveryId, prepared.heldBack().toMillis(), prepared.endpointId());
            return new AttemptResult(deliveryId, prepared.heldBack(), null);
        }
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        AttemptOutcome outcome = prepared.refusal() != null ? AttemptOutcome.refused(prepared.refusal(), 0) : send(prepared);
        LOG.infof("delivery %s attempt %d to %s: %s", deliveryId, prepared.attemptNumber(), prepared.endpointId(),
                outcome.status() != null ? outcome.status() : outcome.error() != null ? outcome.error() : "sent");
        AttemptResult result = Blocking.await(() -> record(prepared, outcome, startedAt, trigger));
        if (result.disabledEventId() != null) {
            Blocking.await(() -> outbox.publish(result.disabledEventId()));
        }
        return result;
    }

    private AttemptOutcome send(PreparedAttempt prepared) {
        return switch (prepared.message()) {
            case OutboundMessage.Http post -> http.post(post.url(), post.headers(), post.body(), prepared.timeout(), config.maxLoggedResponseBytes());
            case OutboundMessage.Email email -> mail.send(email, prepared.timeout());
        };
    }

    @WithTransaction
    Uni<PreparedAttempt> prepare(String deliveryId, boolean slowLane) {
        return Delivery.<Delivery>findById(deliveryId).chain(delivery -> {
            if (delivery == null || delivery.isFinished()) {
                return Uni.createFrom().nullItem();
            }
            return Endpoint.<Endpoint>findById(delivery.endpointId).chain(endpoint -> {
                if (delivery.test) {
                    // A test is sent now, whatever the endpoint's circuit, rate bucket, lane or enabled state.
                    return Event.<Event>findById(delivery.eventId).map(event -> prepare(delivery, endpoint, event));
                }
                if (!slowLane && endpoint.slowSince != null) {
                    return Uni.createFrom().item(PreparedAttempt.toSlowLane(delivery.id, endpoint.id));
                }
                return circuit.holdBack(endpoint)
                        .chain(held -> held != null || !endpoint.active || endpoint.deletedAt != null
                                ? Uni.createFrom().item(held) : rateLimit.take(endpoint))
                        .chain(held -> held != null
                                ? Uni.createFrom().item(PreparedAttempt.held(delivery.id, endpoint.id, held))
                                : Event.<Event>findById(delivery.eventId).map(event -> prepare(delivery, endpoint, event)));
            });
        });
    }

    private PreparedAttempt prepare(Delivery delivery, Endpoint endpoint, Event event) {
        OutboundMessage message = messages.build(delivery.id, endpoint, event);
        String refusal = message instanceof OutboundMessage.Http http
                ? TargetGuard.refusal(http.url(), config.allowPrivateTargets(), config.requireHttps()) : null;
        if (endpoint.deletedAt != null || (!endpoint.active && !delivery.test)) {
            refusal = "endpoint is " + (endpoint.deletedAt != null ? "deleted" : "disabled");
        }
        return new PreparedAttempt(delivery.id, endpoint.id, delivery.attemptCount + 1, message,
                Duration.ofMillis(endpoint.timeoutMs), refusal, retryPolicy(endpoint), null);
    }

    private RetryPolicy retryPolicy(Endpoint endpoint) {
        try {
            return endpoint.retryPolicy == null ? null : json.readValue(endpoint.retryPolicy, RetryPolicy.class);
        } catch (JsonProcessingException e) {
            LOG.warnf("endpoint %s has an unreadable retry policy; the default schedule applies", endpoint.id);
            return null;
        }
    }

    @WithTransaction
    Uni<AttemptResult> record(PreparedAttempt prepared, AttemptOutcome outcome, OffsetDateTime startedAt, String trigger) {
        return Delivery.<Delivery>findById(prepared.deliveryId()).chain(delivery -> {
            DeliveryAttempt attempt = new DeliveryAttempt();
            attempt.deliveryId = delivery.id;
            attempt.endpointId = delivery.endpointId;
            attempt.attemptNumber = prepared.attemptNumber();
            attempt.trigger = delivery.test ? TEST_TRIGGER : trigger;
            attempt.startedAt = startedAt;
            attempt.durationMs = (int) outcome.durationMs();
            attempt.requestHeaders = write(prepared.message().loggedHeaders());
            attempt.responseStatus = outcome.status();
            attempt.responseHeaders = outcome.headers() == null ? null : write(outcome.headers());
            attempt.responseBody = outcome.body();
            attempt.error = outcome.error();

            delivery.attemptCount = prepared.attemptNumber();
            delivery.lastStatusCode = outcome.status();
            delivery.lastError = outcome.succeeded() ? null : outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
            delivery.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
            Duration retryIn = null;
            if (outcome.succeeded()) {
                delivery.status = DeliveryStatus.SUCCESS;
                delivery.nextRetryAt = null;
            } else if (delivery.test) {
                delivery.status = DeliveryStatus.FAILED;
                delivery.nextRetryAt = null;
            } else {
                retryIn = outcome.isFinal() ? null
                        : retries.nextDelay(delivery.attemptCount, outcome.retryAfter(), prepared.retryPolicy());
                delivery.status = retryIn == null ? DeliveryStatus.RETRY_EXHAUSTED : DeliveryStatus.FAILED;
                delivery.nextRetryAt = retryIn == null ? null : delivery.updatedAt.plus(retryIn);
            }
            Duration delay = retryIn;
            boolean exhausted = delivery.status == DeliveryStatus.RETRY_EXHAUSTED;
            if (delivery.test) {
                return attempt.persist().map(saved -> new AttemptResult(delivery.id, null, null));
            }
            return attempt.persist()
                    .chain(() -> health.record(prepared.endpointId(), outcome.succeeded(), exhausted, Duration.ofMillis(outcome.durationMs())))
                    .map(disabledEventId -> new AttemptResult(delivery.id, delay, disabledEventId));
        });
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
