package io.hookgate.delivery;

import io.hookgate.core.Ids;
import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.TestReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.hookgate.delivery.DeliveryFunctionTest.Setup;
import static io.hookgate.delivery.DeliveryFunctionTest.endpointOn;
import static io.hookgate.delivery.DeliveryFunctionTest.publish;
import static io.hookgate.delivery.DeliveryFunctionTest.storedEvent;
import static io.hookgate.delivery.DeliveryFunctionTest.status;
import static io.hookgate.delivery.DeliveryFunctionTest.uniqueType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The delivery row schedules, SQS only rings the bell. This module's queues dead-letter a message after three receives
 * (surefire sets {@code hookgate.devstack.max-receive-count}), so a design that kept held messages on the queue would
 * lose the deliveries below to the dead-letter queue; the reconciler runs every second with a 3 s doorbell grace.
 */
@QuarkusTest
@QuarkusTestResource(value = HookgateTestResource.class, initArgs = @ResourceArg(name = "esm-port", value = "8183"))
class DeliveryScheduleTest {

    final DevStack stack = DevStack.shared();
    final TestReceiver receiver = stack.receiver();
    final TestDatabase db = TestDatabase.shared();

    @Test
    void aBurstThirtyTimesTheEndpointsBurstIsAllDeliveredOnceAtTheLimitsPace() throws Exception {
        String type = uniqueType();
        Setup limited = endpointOn(receiver, type);
        db.update("update endpoint set rate_limit_per_minute = 300, rate_limit_burst = 2 where id = ?", limited.endpointId());
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            events.add(publish(type, "{\"n\":" + i + "}"));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", limited.endpointId()) == 60);
        var received = receiver.receivedOn(limited.path());
        assertEquals(60, received.size(), "each delivery reached the receiver once");
        assertEquals(60, received.stream().map(r -> r.header("webhook-id")).distinct().count());
        var times = received.stream().map(TestReceiver.Received::at).sorted().toList();
        assertTrue(Duration.between(times.getFirst(), times.getLast()).toMillis() >= 10_000,
                "two at once, then five a second: 58 more take at least 11.6 s, took " + Duration.between(times.getFirst(), times.getLast()));
        assertEquals(60, db.count("select count(*) from delivery where endpoint_id = ? and attempt_count = 1", limited.endpointId()),
                "waiting for a rate-limit slot spends no attempt");
        assertNoneDeadLettered(deliveryIds(limited.endpointId()));
    }

    @Test
    void anEndpointAnswering429WithRetryAfterIsPausedSlowedAndRecoversWithNothingLost() throws Exception {
        String type = uniqueType();
        Setup limited = endpointOn(receiver, type);
        db.update("update endpoint set rate_limit_per_minute = 600, rate_limit_burst = 5 where id = ?", limited.endpointId());
        receiver.thenReply(limited.path(), TestReceiver.Reply.tooManyRequests(2));
        List<String> events = new ArrayList<>();
        events.add(publish(type, "{\"n\":0}"));
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.receivedOn(limited.path()).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> db.rows("select adaptive_rate from endpoint where id = ?", limited.endpointId())
                .getFirst().get("adaptive_rate") != null);
        var throttled = db.rows("select adaptive_rate, throttled_until > now() as paused from endpoint where id = ?", limited.endpointId()).getFirst();
        assertEquals(300.0, throttled.get("adaptive_rate"), "the 429 halves the endpoint's rate");
        assertEquals(true, throttled.get("paused"), "and its Retry-After pauses it");
        for (int i = 1; i < 10; i++) {
            events.add(publish(type, "{\"n\":" + i + "}"));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", limited.endpointId()) == 10);
        var received = receiver.receivedOn(limited.path()).stream().sorted(java.util.Comparator.comparing(TestReceiver.Received::at)).toList();
        assertEquals(11, received.size(), "the 429, then each delivery once");
        assertEquals(10, received.stream().map(r -> r.header("webhook-id")).distinct().count());
        Duration pause = Duration.between(received.get(0).at(), received.get(1).at());
        assertTrue(pause.toMillis() >= 1_900, "nothing is sent during the 2 s the receiver asked for: " + pause);
        Duration spread = Duration.between(received.get(1).at(), received.getLast().at());
        assertTrue(spread.toMillis() >= 1_000, "ten deliveries at a halved rate with no burst (at its configured 600/min and burst 5 they "
                + "would take 0.5 s): " + spread);
        assertEquals(9, db.count("select count(*) from delivery where endpoint_id = ? and attempt_count = 1", limited.endpointId()),
                "waiting for the pause or a slot spends no attempt: only the delivery that got the 429 made two");

        // successes a step apart (1 s here) raise the rate by half each time, back to the configured rate
        for (int i = 0; i < 15 && db.rows("select adaptive_rate from endpoint where id = ?", limited.endpointId()).getFirst().get("adaptive_rate") != null; i++) {
            Thread.sleep(1_100);
            String more = publish(type, "{\"recovering\":" + i + "}");
            events.add(more);
            await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(status(more, limited.endpointId())));
        }
        assertEquals(null, db.rows("select adaptive_rate from endpoint where id = ?", limited.endpointId()).getFirst().get("adaptive_rate"),
                "the endpoint is back at its configured rate");
        assertNoneDeadLettered(deliveryIds(limited.endpointId()));
        assertEquals(events.size(), db.count("select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", limited.endpointId()),
                "nothing lost");
    }

    @Test
    void anOpenCircuitHeldLongerThanTheRedriveLimitAllowsStillDeliversEverything() throws Exception {
        Setup failing = endpointOn(receiver, uniqueType());
        // Three failures open the circuit (3 s); the next three half-open probes fail too, so it stays open ~12 s.
        List<String> events = openCircuitThenPublishThreeMore(failing, TestReceiver.Reply.status(500), TestReceiver.Reply.status(500),
                TestReceiver.Reply.status(500), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500), TestReceiver.Reply.status(500));

        await().atMost(Duration.ofSeconds(60)).until(() -> db.count(
                "select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", failing.endpointId()) == 4);
        var received = receiver.receivedOn(failing.path()).stream().map(TestReceiver.Received::at).sorted().toList();
        assertEquals(10, received.size(), "six failed calls and one success per delivery: held deliveries spent no attempts");
        assertTrue(Duration.between(received.get(2), received.get(6)).toMillis() >= 8_000,
                "the circuit stayed open through three probes, so each held delivery was rung more than three times");
        assertEquals(10, db.count("select count(*) from delivery_attempt where endpoint_id = ?", failing.endpointId()));
        assertEquals(4, db.count("select count(*) from delivery where endpoint_id = ? and event_id = any(?)",
                failing.endpointId(), events.toArray(String[]::new)));
        assertNoneDeadLettered(deliveryIds(failing.endpointId()));
    }

    @Test
    void a410ProbeEndsItsDeliveryAndClosesTheCircuitSoTheHeldDeliveriesGoOnAtOnce() throws Exception {
        Setup setup = endpointOn(receiver, uniqueType());
        List<String> events = openCircuitThenPublishThreeMore(setup, TestReceiver.Reply.status(500), TestReceiver.Reply.status(500),
                TestReceiver.Reply.status(500), TestReceiver.Reply.status(410));

        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", setup.endpointId()) == 3);
        assertEquals(1, db.count("select count(*) from delivery where endpoint_id = ? and status = 'RETRY_EXHAUSTED'", setup.endpointId()),
                "the probe that got 410 is over");
        var received = receiver.receivedOn(setup.path()).stream().map(TestReceiver.Received::at).sorted().toList();
        assertEquals(7, received.size());
        assertTrue(Duration.between(received.get(3), received.get(6)).toMillis() < 2500,
                "after the 410 the held deliveries did not wait for further open periods: " + received);
        assertTrue(db.value("select circuit_opened_at from endpoint where id = ?", setup.endpointId()) == null);
        assertEquals(4, db.count("select count(*) from delivery where endpoint_id = ? and event_id = any(?)",
                setup.endpointId(), events.toArray(String[]::new)));
    }

    @Test
    void aDeliveryWhoseDoorbellWasLostIsRungByTheReconciler() throws Exception {
        Setup setup = endpointOn(receiver, uniqueType());
        String eventId = storedEvent(db, "test.lost");
        // Committed as the fan-out commits it (doorbell expected now), but the doorbell never reaches the queue.
        String deliveryId = Ids.next("dlv");
        db.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status) values (?, 'org_default', ?, ?, 'PENDING')",
                deliveryId, eventId, setup.endpointId());

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(db.value("select status from delivery where id = ?", deliveryId)));
        assertEquals(1, receiver.receivedOn(setup.path()).size());
        assertEquals(deliveryId, receiver.receivedOn(setup.path()).getFirst().header("webhook-id"));
        assertEquals(1, db.count("select count(*) from delivery_attempt where delivery_id = ?", deliveryId));
    }

    @Test
    void anAttemptWhoseProcessDiedIsMadeAgainOnceItsLeaseExpiresAndNotBefore() throws Exception {
        Setup setup = endpointOn(receiver, uniqueType());
        String eventId = storedEvent(db, "test.leased");
        // Claimed by a process that died mid-attempt: its lease runs 4 more seconds, and no doorbell is outstanding.
        String deliveryId = Ids.next("dlv");
        db.update("""
                insert into delivery (id, tenant_id, event_id, endpoint_id, status, lease_id, lease_until, doorbell_at)
                values (?, 'org_default', ?, ?, 'PENDING', 'lease_dead', now() + interval '4 seconds', null)""",
                deliveryId, eventId, setup.endpointId());
        Object leaseUntil = db.value("select lease_until from delivery where id = ?", deliveryId);
        // A doorbell meanwhile finds the delivery leased and leaves it alone.
        ring(deliveryId);

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(db.value("select status from delivery where id = ?", deliveryId)));
        assertEquals(1, receiver.receivedOn(setup.path()).size());
        assertEquals(1, ((Number) db.value("select attempt_number from delivery_attempt where delivery_id = ?", deliveryId)).intValue());
        // Not before: the one attempt started once the dead process's lease had run out (judged by the clock, not by how
        // quickly this test got to look).
        assertTrue((Boolean) db.value("select started_at >= ? from delivery_attempt where delivery_id = ?", leaseUntil, deliveryId),
                "the attempt waited for the lease to expire");
    }

    @Test
    void manyDoorbellsForOneDeliveryGiveOneAttempt() throws Exception {
        Setup setup = endpointOn(receiver, uniqueType());
        receiver.respondWith(setup.path(), () -> TestReceiver.Reply.stall(Duration.ofMillis(1500)));
        String eventId = storedEvent(db, "test.doubled");
        String deliveryId = Ids.next("dlv");
        db.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status) values (?, 'org_default', ?, ?, 'PENDING')",
                deliveryId, eventId, setup.endpointId());
        for (int i = 0; i < 6; i++) {
            ring(deliveryId);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> "SUCCESS".equals(db.value("select status from delivery where id = ?", deliveryId)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> receiver.receivedOn(setup.path()).size() == 1);
        assertEquals(1, db.count("select count(*) from delivery_attempt where delivery_id = ?", deliveryId));
    }

    /**
     * Attempts that finish together are claimed, rate-limited and recorded together (one statement or transaction per
     * batch): each delivery still gets exactly its own attempt rows and outcome, in a burst that mixes successes, a
     * failure that is retried and an answer whose body holds a NUL (which PostgreSQL text cannot store: it is recorded
     * with a replacement character, and fails neither its own attempt nor the others written with it).
     */
    @Test
    void aBurstOfMixedOutcomesIsRecordedDeliveryByDelivery() throws Exception {
        Setup setup = endpointOn(receiver, uniqueType());
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        receiver.respondWith(setup.path(), () -> switch (calls.incrementAndGet()) {
            case 3 -> new TestReceiver.Reply(200, java.util.Map.of(), Duration.ZERO, "nul\u0000here");
            case 5, 9 -> TestReceiver.Reply.status(500);   // not a 503: that would lower the endpoint's rate (adaptive limiting)
            default -> TestReceiver.Reply.ok();
        });
        String type = (String) db.value("select events[1] from endpoint where id = ?", setup.endpointId());
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            events.add(publish(type, "{\"n\":" + i + "}"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from delivery where endpoint_id = ? and status = 'SUCCESS'", setup.endpointId()) == 30);
        assertEquals(32, receiver.receivedOn(setup.path()).size(), "30 deliveries, two of them twice (500, then retried)");
        assertEquals(32, db.count("select count(*) from delivery_attempt where endpoint_id = ?", setup.endpointId()));
        assertEquals(2, db.count("select count(*) from delivery where endpoint_id = ? and attempt_count = 2", setup.endpointId()));
        assertEquals(0, db.count("""
                select count(*) from delivery d where d.endpoint_id = ?
                and d.attempt_count <> (select count(*) from delivery_attempt a where a.delivery_id = d.id)""", setup.endpointId()),
                "every delivery's attempt count matches its own attempt rows");
        assertEquals(1, db.count("select count(*) from delivery_attempt where endpoint_id = ? and response_body = 'nul\uFFFDhere'",
                setup.endpointId()));
        assertEquals(null, db.value("select circuit_opened_at from endpoint where id = ?", setup.endpointId()));
    }

    @Test
    void aStoredEventThatCannotBeRenderedIsDeadLetteredWithoutACallInsteadOfWaitingForever() throws Exception {
        Setup setup = endpointOn(receiver, uniqueType());
        // Stored before the payload limits existed: jsonb keeps 1e1000 as 1,001 digits, more than a JSON number may have.
        String broken = Ids.next("evt");
        db.update("insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', 'test.broken', ?::jsonb, 'test')",
                broken, "{\"amount\":1e1000}");
        String fine = storedEvent(db, "test.fine");
        String unrenderable = Ids.next("dlv");
        String control = Ids.next("dlv");
        db.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status) values (?, 'org_default', ?, ?, 'PENDING'), "
                + "(?, 'org_default', ?, ?, 'PENDING')", unrenderable, broken, setup.endpointId(), control, fine, setup.endpointId());
        ring(unrenderable);
        ring(control);

        await().atMost(Duration.ofSeconds(20)).until(() -> "RETRY_EXHAUSTED".equals(db.value("select status from delivery where id = ?", unrenderable))
                && "SUCCESS".equals(db.value("select status from delivery where id = ?", control)));
        assertEquals(List.of(control), receiver.receivedOn(setup.path()).stream().map(r -> r.header("webhook-id")).toList());
        assertTrue(String.valueOf(db.value("select error from delivery_attempt where delivery_id = ?", unrenderable)).contains("cannot be rendered"));
    }

    /**
     * Gives the endpoint a patient retry policy and these replies, publishes an event whose failures open its circuit,
     * then three more that the open circuit holds; returns the four event ids.
     */
    private List<String> openCircuitThenPublishThreeMore(Setup setup, TestReceiver.Reply... replies) throws Exception {
        db.update("update endpoint set retry_policy = ?::jsonb where id = ?",
                "{\"maxAttempts\":20,\"backoff\":\"fixed\",\"baseDelayMs\":500}", setup.endpointId());
        receiver.thenReply(setup.path(), replies);
        String type = (String) db.value("select events[1] from endpoint where id = ?", setup.endpointId());
        List<String> events = new ArrayList<>(List.of(publish(type, "{}")));
        await().atMost(Duration.ofSeconds(20)).until(() -> db.value("select circuit_opened_at from endpoint where id = ?", setup.endpointId()) != null);
        for (int i = 0; i < 3; i++) {
            events.add(publish(type, "{}"));
        }
        return events;
    }

    private void ring(String deliveryId) {
        stack.queues().client().sendMessage(b -> b.queueUrl(stack.queues().deliveriesUrl())
                .messageBody("{\"kind\":\"deliver\",\"deliveryId\":\"" + deliveryId + "\"}"));
    }

    private List<String> deliveryIds(String endpointId) throws Exception {
        return db.rows("select id from delivery where endpoint_id = ?", endpointId).stream().map(r -> (String) r.get("id")).toList();
    }

    /**
     * Reads the whole dead-letter queue (hiding what it read for a while, consuming nothing) and checks that none of
     * these deliveries is there. A marker put there first shows that the read sees what the queue holds.
     */
    private void assertNoneDeadLettered(List<String> deliveryIds) {
        Set<String> bodies = new HashSet<>();
        var sqs = stack.queues().client();
        String marker = "{\"kind\":\"deliver\",\"deliveryId\":\"" + Ids.next("dlv") + "\"}";
        sqs.sendMessage(b -> b.queueUrl(stack.queues().deadLetterUrl()).messageBody(marker));
        List<software.amazon.awssdk.services.sqs.model.Message> batch;
        do {
            batch = sqs.receiveMessage(b -> b.queueUrl(stack.queues().deadLetterUrl()).maxNumberOfMessages(10).visibilityTimeout(30)).messages();
            batch.forEach(m -> bodies.add(m.body()));
        } while (!batch.isEmpty());
        assertTrue(bodies.contains(marker), "the dead-letter queue's contents were read");
        for (String id : deliveryIds) {
            assertTrue(bodies.stream().noneMatch(body -> body.contains(id)), "delivery " + id + " was dead-lettered");
        }
    }
}
