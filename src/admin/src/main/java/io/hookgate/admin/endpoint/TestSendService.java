package io.hookgate.admin.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.admin.auth.AdminConfig;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.EventPayloads;
import io.hookgate.admin.deadletter.RequeueService;
import io.hookgate.admin.delivery.DeliveryQueryService;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.EventType;
import io.hookgate.core.Ids;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/webhooks/{id}/test}: one delivery marked as a test, sent by the delivery function like any other
 * (same signing, channel formatting, SSRF checks and attempt log), then awaited here so the caller sees the attempt.
 * A test goes out even while the endpoint is disabled or its circuit is open, is attempted once, and leaves the
 * endpoint's health alone.
 */
@ApplicationScoped
public class TestSendService {

    static final String TEST_EVENT = "test.event";
    static final String TRIGGER = "test";
    static final String SOURCE = "admin-test";
    private static final Duration POLL_EVERY = Duration.ofMillis(150);

    private final EndpointService endpoints;
    private final EventPayloads payloads;
    private final EventCatalogue catalogue;
    private final RequeueService queue;
    private final DeliveryQueryService deliveries;
    private final AdminConfig config;
    private final ObjectMapper json;
    private final EventJournal journal;

    public TestSendService(EndpointService endpoints, EventPayloads payloads, EventCatalogue catalogue, RequeueService queue,
                           DeliveryQueryService deliveries, AdminConfig config, ObjectMapper json, EventJournal journal) {
        this.endpoints = endpoints;
        this.payloads = payloads;
        this.catalogue = catalogue;
        this.queue = queue;
        this.deliveries = deliveries;
        this.config = config;
        this.json = json;
        this.journal = journal;
    }

    @RegisterForReflection
    private record Stored(String deliveryId, String eventId, String type, Duration patience) {
    }

    public Uni<TestSendResult> send(Caller caller, String endpointId, TestSendRequest request) {
        String typeName = request == null || request.event() == null ? TEST_EVENT : request.event();
        JsonNode data = request == null || request.data() == null || request.data().isNull() ? defaultData(typeName) : request.data();
        EventType type = payloads.emittable(typeName, data, "event", "data");
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        return store(caller, endpointId, type, data)
                .call(stored -> queue.enqueue(List.of(stored.deliveryId()), TRIGGER)
                        .onFailure().transform(e -> new ApiException(503, "queue_unavailable", "The deliveries queue is unavailable; try the test again later")))
                .chain(stored -> awaitAttempt(context, stored.deliveryId(), Instant.now().plus(stored.patience()))
                        .chain(attempted -> result(stored, attempted)));
    }

    @WithTransaction
    Uni<Stored> store(Caller caller, String endpointId, EventType type, JsonNode data) {
        return endpoints.visible(caller, endpointId).chain(endpoint -> {
            String deliveryId = Ids.next("dlv");
            return Panache.getSession().chain(session -> journal.append(session,
                                    NewEvent.testSend(endpoint.tenantId, type.name(), SOURCE, data.toString(), endpoint.id))
                            .call(event -> session.createNativeQuery("""
                                            insert into delivery (id, tenant_id, event_id, endpoint_id, status, test)
                                            values (:id, :tenant, :event, :endpoint, 'PENDING', true)""")
                                    .setParameter("id", deliveryId).setParameter("tenant", endpoint.tenantId)
                                    .setParameter("event", event.id()).setParameter("endpoint", endpoint.id).executeUpdate()))
                    .map(event -> new Stored(deliveryId, event.id(), type.name(),
                            patience(endpoint.timeoutMs)));
        });
    }

    /** The endpoint's timeout plus the margin, never beyond {@code hookgate.admin.test-wait-max}. */
    Duration patience(int timeoutMs) {
        Duration wanted = Duration.ofMillis(timeoutMs).plus(config.testWaitMargin());
        return wanted.compareTo(config.testWaitMax()) > 0 ? config.testWaitMax() : wanted;
    }

    /**
     * Whether the attempt happened before the deadline. The pauses are timers of the request's own (duplicated) Vert.x
     * context, so every look, and the session it opens, runs on that context (the queue client answers on its own
     * threads).
     */
    private Uni<Boolean> awaitAttempt(ContextInternal context, String deliveryId, Instant deadline) {
        return Uni.createFrom().<Void>emitter(pause -> context.setTimer(POLL_EVERY.toMillis(), timer -> pause.complete(null)))
                .chain(() -> attempts(deliveryId))
                .chain(count -> count > 0 || Instant.now().isAfter(deadline)
                        ? Uni.createFrom().item(count > 0) : awaitAttempt(context, deliveryId, deadline));
    }

    @WithSession
    Uni<Integer> attempts(String deliveryId) {
        return Panache.getSession().chain(session -> session.<Integer>createNativeQuery("select attempt_count from delivery where id = :id")
                .setParameter("id", deliveryId).getSingleResult());
    }

    private Uni<TestSendResult> result(Stored stored, boolean attempted) {
        if (!attempted) {
            return Uni.createFrom().item(new TestSendResult(false, "PENDING", stored.deliveryId(), stored.eventId(), stored.type(), null));
        }
        return deliveries.one(stored.deliveryId()).map(view -> new TestSendResult("SUCCESS".equals(view.status()), view.status(),
                stored.deliveryId(), stored.eventId(), stored.type(), view.attemptLog().isEmpty() ? null : view.attemptLog().getLast()));
    }

    private JsonNode defaultData(String typeName) {
        if (catalogue.resolve(typeName).map(t -> t.name().equals(TEST_EVENT)).orElse(false)) {
            return json.createObjectNode().put("message", "This is a test webhook delivery");
        }
        return catalogue.resolve(typeName).map(EventType::example).orElse(json.createObjectNode());
    }
}
