package io.hookgate.delivery.attempt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Blocking;
import io.hookgate.core.Ids;
import io.hookgate.core.QueueMessage;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.delivery.schedule.Doorbells;
import io.hookgate.delivery.Delivery;
import io.hookgate.delivery.DeliveryStatus;
import io.hookgate.delivery.channel.ChannelMessages;
import io.hookgate.delivery.channel.OutboundMessage;
import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.delivery.retry.RetrySchedule;
import io.hookgate.delivery.health.EndpointCircuit;
import io.hookgate.delivery.health.EndpointRateLimit;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.hookgate.endpoint.RetryPolicy;
import io.hookgate.event.Event;
import io.hookgate.event.EventJournal;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

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
    private final EndpointRateLimit rateLimit;
    private final EventJournal journal;
    private final DeliveryClaims claims;
    private final AttemptRecorder recorder;
    private final AttemptSpans spans;
    private final Pool pool;

    /** Moves a held delivery's due time and gives up its lease. */
    static final String HOLD = """
            update delivery set next_attempt_at = $2, doorbell_at = $3, rate_slot_at = $4, lease_id = null, lease_until = null
            where id = $1 and lease_id = $5""";
    public DeliveryAttemptService(ChannelMessages messages, WebhookHttpClient http, MailSender mail, RetrySchedule retries,
                                  DeliveryConfig config, ObjectMapper json, EndpointCircuit circuit, EndpointRateLimit rateLimit,
                                  EventJournal journal, DeliveryClaims claims, AttemptRecorder recorder, AttemptSpans spans, Pool pool) {
        this.spans = spans;
        this.claims = claims;
        this.recorder = recorder;
        this.pool = pool;
        this.rateLimit = rateLimit;
        this.circuit = circuit;
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
        // every line logged for this attempt names its delivery (a field of the JSON log lines in production)
        MDC.put("deliveryId", deliveryId);
        try {
            return attemptLogged(deliveryId, trigger, slowLane);
        } finally {
            MDC.remove("deliveryId");
        }
    }

    private AttemptResult attemptLogged(String deliveryId, String trigger, boolean slowLane) {
        Preparation preparation = Blocking.await(() -> prepare(deliveryId, trigger, slowLane));
        if (!(preparation instanceof PreparedAttempt claimed)) {
            return (AttemptResult) preparation;
        }
        OffsetDateTime startedAt = OffsetDateTime.now(ZoneOffset.UTC);
        Span span = spans.start(claimed);
        PreparedAttempt prepared = claimed.message() == null ? claimed : claimed.sending(AttemptSpans.propagated(claimed.message(), span));
        AttemptOutcome outcome;
        try (Scope ignored = span.makeCurrent()) {
            // the SSRF guard resolves the host, which blocks: here, on the worker thread, never inside the reactive prepare
            String refusal = prepared.refusal() != null ? prepared.refusal()
                    : prepared.message() instanceof OutboundMessage.Http http
                    ? TargetGuard.refusal(http.url(), config.allowPrivateTargets(), config.requireHttps(), prepared.blockedDestinations()) : null;
            outcome = refusal != null ? AttemptOutcome.refused(refusal, 0) : VettedDnsResolver.forbidding(prepared.blockedDestinations(), () -> send(prepared));
            // A success is logged at DEBUG only (the attempt log keeps every attempt); anything else at INFO. In the
            // span's scope, so a JSON line carries its traceId.
            LOG.logf(outcome.succeeded() ? Logger.Level.DEBUG : Logger.Level.INFO, "delivery %s attempt %d to %s: %s", deliveryId,
                    prepared.attemptNumber(), prepared.endpointId(),
                    outcome.status() != null ? outcome.status() : outcome.error() != null ? outcome.error() : "sent");
        }
        String traceId = AttemptSpans.end(span, outcome);
        AttemptResult result = Blocking.await(() -> record(prepared, outcome, startedAt, trigger, traceId));
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
    Uni<Preparation> prepare(String deliveryId, String trigger, boolean slowLane) {
        String leaseId = Ids.next("lease");
        return claims.claim(deliveryId, leaseId).chain(claimed -> claimed == null
                ? claims.rescheduleEarly(deliveryId, trigger).map(next -> (Preparation) AttemptResult.ringing(deliveryId, next))
                : prepare(claimed.delivery(), claimed.endpoint(), claimed.event(), leaseId, trigger, slowLane));
    }

    private Uni<Preparation> prepare(Delivery delivery, Endpoint endpoint, Event event, String leaseId, String trigger, boolean slowLane) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        if (delivery.test || endpoint.deletedAt != null) {
            // A test is sent now, whatever the endpoint's circuit, rate limit, lane or enabled state.
            return attemptNow(delivery, endpoint, event, leaseId, slowLane);
        }
        if (!endpoint.active) {
            if (delivery.createdAt != null && delivery.createdAt.plus(config.disabledHoldLimit()).isBefore(now)) {
                return attemptNow(delivery, endpoint, event, leaseId, slowLane);
            }
            return hold(delivery, endpoint, leaseId, config.disabledRecheck(), trigger, "the endpoint is disabled");
        }
        if (!slowLane && endpoint.slowSince != null) {
            return hold(delivery, endpoint, leaseId, Duration.ZERO, trigger, "the endpoint is slow: to the slow lane");
        }
        return circuit.holdBack(endpoint).chain(open -> {
            if (open != null) {
                return hold(delivery, endpoint, leaseId, open, trigger, "the endpoint's circuit is open");
            }
            if (endpoint.throttledUntil != null && endpoint.throttledUntil.isAfter(now)) {
                // the endpoint asked for a pause (Retry-After): a slot reserved before it is given up and taken anew after
                delivery.rateSlotAt = null;
                return hold(delivery, endpoint, leaseId, Duration.between(now, endpoint.throttledUntil), trigger,
                        "the endpoint asked for a pause (Retry-After)");
            }
            if (delivery.rateSlotAt != null) {
                return attemptNow(delivery, endpoint, event, leaseId, slowLane);
            }
            return rateLimit.reserve(endpoint).chain(wait -> {
                if (wait == null) {
                    return attemptNow(delivery, endpoint, event, leaseId, slowLane);
                }
                delivery.rateSlotAt = now.plus(wait);
                return hold(delivery, endpoint, leaseId, wait, trigger, "its rate-limit slot is later");
            });
        });
    }

    /**
     * Moves the delivery's due time by {@code wait} without an attempt and gives up the lease; the doorbell for the new
     * time rings now with that delay, or from the reconciler when the wait is longer than SQS delays a message.
     */
    private Uni<Preparation> hold(Delivery delivery, Endpoint endpoint, String leaseId, Duration wait, String trigger, String why) {
        OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plus(wait);
        boolean rings = Doorbells.ringsFor(wait);
        LOG.infof("delivery %s held %d ms: %s", delivery.id, wait.toMillis(), why);
        Doorbell next = rings ? new Doorbell(delivery.id, trigger, wait, endpoint.slowSince != null) : null;
        return pool.preparedQuery(HOLD).execute(Tuple.of(delivery.id, due, rings ? due : null, delivery.rateSlotAt, leaseId))
                .replaceWith(AttemptResult.ringing(delivery.id, next));
    }

    private Uni<Preparation> attemptNow(Delivery delivery, Endpoint endpoint, Event event, String leaseId, boolean slowLane) {
        return Uni.createFrom().item(() -> {
            OutboundMessage message;
            try {
                message = messages.build(delivery.id, endpoint, event);
            } catch (RuntimeException e) {
                // A row stored before the payload limits, or a broken channel setting: fail without a call, listed.
                LOG.warnf("delivery %s cannot be rendered: %s", delivery.id, e.toString());
                return new PreparedAttempt(delivery.id, endpoint.id, leaseId, delivery.attemptCount + 1, null,
                        Duration.ofMillis(endpoint.timeoutMs), AttemptOutcome.UNRENDERABLE + " for this endpoint: " + e.getMessage(), null,
                        slowLane, delivery.test, event.type, event.traceParent, List.of());
            }
            String refusal = endpoint.deletedAt != null || (!endpoint.active && !delivery.test)
                    ? "endpoint is " + (endpoint.deletedAt != null ? "deleted" : "disabled") : null;
            return new PreparedAttempt(delivery.id, endpoint.id, leaseId, delivery.attemptCount + 1, message,
                    Duration.ofMillis(endpoint.timeoutMs), refusal, retryPolicy(endpoint), slowLane, delivery.test, event.type,
                    event.traceParent, blockedDestinations(endpoint));
        });
    }

    private static List<IpSubnetFilterRule> blockedDestinations(Endpoint endpoint) {
        try {
            return endpoint.blockedDestinations == null ? List.of() : IpRanges.parseAll(List.of(endpoint.blockedDestinations));
        } catch (IllegalArgumentException e) {
            LOG.warnf("organisation %s has an unreadable outbound block list (%s); its endpoints are refused until it is fixed",
                    endpoint.tenantId, e.getMessage());
            return List.of(IpRanges.parse("0.0.0.0/0"), IpRanges.parse("::/0"));
        }
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
     * Records the attempt and the delivery's next state, if this attempt still holds the lease (one that outlived its
     * lease has been given to another attempt, which records its own), and then the endpoint's health: one
     * transaction, shared with the attempts that finish at the same time ({@link AttemptRecorder}).
     */
    Uni<AttemptResult> record(PreparedAttempt prepared, AttemptOutcome outcome, OffsetDateTime startedAt, String trigger, String traceId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        DeliveryStatus status;
        Duration retryIn = null;
        if (outcome.succeeded()) {
            status = DeliveryStatus.SUCCESS;
        } else if (prepared.test()) {
            status = DeliveryStatus.FAILED;
        } else {
            retryIn = outcome.isFinal() ? null : retries.nextDelay(prepared.attemptNumber(), outcome.retryAfter(), prepared.retryPolicy(),
                    outcome.status() != null && outcome.status() >= 500);
            status = retryIn == null ? DeliveryStatus.RETRY_EXHAUSTED : DeliveryStatus.FAILED;
        }
        OffsetDateTime nextAttemptAt = retryIn == null ? null : now.plus(retryIn);
        boolean rings = retryIn != null && Doorbells.ringsFor(retryIn);
        Doorbell next = rings ? new Doorbell(prepared.deliveryId(), QueueMessage.AUTOMATIC, retryIn, prepared.slowLane()) : null;
        String lastError = outcome.succeeded() ? null : outcome.error() != null ? outcome.error() : "HTTP " + outcome.status();
        Object[] values = {prepared.deliveryId(), prepared.leaseId(), prepared.attemptNumber(), outcome.status(), lastError, now,
                status.name(), nextAttemptAt, rings ? nextAttemptAt : null,
                prepared.test() ? TEST_TRIGGER : trigger, startedAt, (int) outcome.durationMs(),
                prepared.message() == null ? "{}" : write(prepared.message().loggedHeaders()),
                outcome.headers() == null ? null : write(outcome.headers()), outcome.body(), outcome.error(), traceId,
                outcome.errorCategory()};
        return recorder.record(new AttemptRecorder.Recording(prepared.deliveryId(), prepared.endpointId(), prepared.attemptNumber(),
                prepared.test(), Tuple.from(values), outcome.verdict(), status == DeliveryStatus.RETRY_EXHAUSTED,
                Duration.ofMillis(outcome.durationMs()), next, outcome.throttle(prepared.timeout())));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
