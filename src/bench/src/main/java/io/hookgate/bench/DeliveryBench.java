package io.hookgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.devstack.SqsQueues;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.TestReceiver;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * The delivery benchmark: the whole system from nothing, then three scenarios one after the other, each on its own
 * endpoints and event type. Events are committed with their outbox rows and published to the events queue in
 * batches, as the ingest and admin functions do, so the figures are the delivery pipeline's alone: fan-out, queue,
 * attempts, retries and the receiver.
 *
 * <ul>
 *   <li><b>healthy</b>: one endpoint that always answers 200;</li>
 *   <li><b>failing</b>: one endpoint that answers 500 to 30% of requests at random (seeded);</li>
 *   <li><b>slow</b>: one endpoint that takes 3 s to answer among four that answer at once; the figures are the fast
 *   endpoints' and the slow one's, next to a baseline of the same four fast endpoints alone.</li>
 * </ul>
 *
 * <p>{@code bin/bench delivery [events per scenario] [function instances] [deliveries batch size]}; see docs/benchmarks.md.
 */
public final class DeliveryBench {

    /** A receiver that fails 30% of requests gets five in a row now and then; the circuit must not turn that into a stall. */
    private static final Map<String, String> DELIVERY_CONFIG = Map.of(
            "hookgate.delivery.circuit-failure-threshold", "20",
            "hookgate.delivery.disable-after-failed-deliveries", "1000000");
    private static final Duration SLOW = Duration.ofSeconds(3);
    /**
     * {@code -Dhookgate.bench.scenarios=healthy,ten,failing,slow} (the default: those four) runs only those named;
     * {@code healthy-again} repeats the one-endpoint scenario after the ten-endpoint one, on fully warmed processes.
     */
    private static final List<String> SCENARIOS = List.of(System.getProperty("hookgate.bench.scenarios", "healthy,ten,failing,slow").split(","));

    private DeliveryBench() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int batchSize = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path root = Path.of(System.getProperty("hookgate.root", ".")).toAbsolutePath().normalize();
        System.out.printf("starting the system from %s ...%n", root);
        try (LocalSystem system = LocalSystem.start(root, "0s,1s,5s,30s", instances, DELIVERY_CONFIG, batchSize)) {
            HookgateClient client = new HookgateClient(system);
            TestReceiver receiver = system.stack().receiver();
            TestDatabase db = system.stack().database();
            Random random = new Random(42);
            receiver.respondWith("/healthy/0", TestReceiver.Reply::ok);
            receiver.respondWith("/failing/0", () -> {
                synchronized (random) {
                    return random.nextDouble() < 0.3 ? TestReceiver.Reply.status(500) : TestReceiver.Reply.ok();
                }
            });
            receiver.respondWith("/slow/0", () -> TestReceiver.Reply.stall(SLOW));

            // Warm-up: JIT, connection pools, every function instance; excluded from the figures. Four deliveries per
            // event: a warm-up of half the events to one endpoint left the JIT still compiling through the first scenario.
            List<String> warm = endpoints(client, receiver, "warmup", "invoice.created", 4);
            run(system, db, "invoice.created", events, warm);

            Wrk.Report ceiling = Wrk.receiverCeiling(receiver.url("/ceiling"), 5, 32);
            System.out.printf("%nceiling: wrk posting an envelope to the bench receiver (32 connections, 5 s): %.0f requests/s; "
                    + "each deliveries/s below is given as a ratio of it%n", ceiling.rate());
            System.out.printf("events per scenario %d, function instances %d, deliveries batch size %d, retry schedule 0s,1s,5s,30s%n",
                    events, instances, batchSize);
            if (SCENARIOS.contains("healthy")) {
                report(db, "healthy", run(system, db, "order.created", events, endpoints(client, receiver, "healthy", "order.created", 1)), null, ceiling.rate());
            }
            if (SCENARIOS.contains("ten")) {
                report(db, "healthy: 10 endpoints", run(system, db, "order.cancelled", events, endpoints(client, receiver, "ten", "order.cancelled", 10)), null, ceiling.rate());
            }
            if (SCENARIOS.contains("healthy-again")) {
                // one endpoint again, after the ten: every process fully warmed up (JIT) by then
                report(db, "healthy, again", run(system, db, "invoice.paid", events, endpoints(client, receiver, "again", "invoice.paid", 1)), null, ceiling.rate());
            }
            if (SCENARIOS.contains("failing")) {
                report(db, "failing 30%", run(system, db, "order.updated", events, endpoints(client, receiver, "failing", "order.updated", 1)), null, ceiling.rate());
            }
            if (SCENARIOS.contains("slow")) {
                report(db, "baseline: 4 fast", run(system, db, "product.updated", events, endpoints(client, receiver, "fast", "product.updated", 4)), null, ceiling.rate());
                List<String> slowScenario = endpoints(client, receiver, "slow", "product.created", 5);
                Run slow = run(system, db, "product.created", events, slowScenario);
                report(db, "slow: fast endpoints", slow, slowScenario.subList(1, 5), ceiling.rate());
                report(db, "slow: slow endpoint", slow, slowScenario.subList(0, 1), ceiling.rate());
            }
        }
    }

    /** Endpoints {@code /name/0 …} subscribed to one type, unthrottled so that the figures are the pipeline's. */
    private static List<String> endpoints(HookgateClient client, TestReceiver receiver, String name, String type, int count) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            var created = client.admin("POST", "/api/v1/webhooks", Map.of("name", name + " " + i, "url", receiver.url("/" + name + "/" + i),
                    "events", List.of(type), "rateLimitPerMinute", 10_000, "rateLimitBurst", 10_000));
            if (created.status() != 201) {
                throw new IllegalStateException("could not create an endpoint: " + created.body());
            }
            ids.add(created.body().path("id").asText());
        }
        // The API caps an endpoint at 10,000 a minute; the bench lifts it so the figures are the pipeline's, not a limit's.
        client.raiseRateLimits(ids);
        return ids;
    }

    /** Events per fan-out message, as the outbox relay packs them ({@code QueueMessage.MAX_EVENTS}). */
    private static final int PACK = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code cpu}: CPU seconds each process used during the run (bench = this JVM: ElasticMQ, the receiver). */
    record Run(List<String> endpointIds, int events, double seconds, Map<String, Double> cpu) {
    }

    private static final List<String> CPU_PROCESSES = List.of("delivery", "realtime", "postgres", "bench");

    /** Commits and publishes the events, then waits until no delivery of these endpoints is PENDING or FAILED. */
    private static Run run(LocalSystem system, TestDatabase db, String type, int count, List<String> endpointIds) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement event = c.prepareStatement(
                    "insert into event (id, tenant_id, type, payload, source) values (?, 'org_default', ?, ?::jsonb, 'bench')");
                 PreparedStatement outbox = c.prepareStatement("insert into outbox (event_id, published_at) values (?, now())")) {
                for (int i = 0; i < count; i++) {
                    String id = "evt_bench" + UUID.randomUUID().toString().replace("-", "");
                    ids.add(id);
                    event.setString(1, id);
                    event.setString(2, type);
                    event.setString(3, "{\"n\":" + i + "}");
                    event.addBatch();
                    outbox.setString(1, id);
                    outbox.addBatch();
                }
                event.executeBatch();
                outbox.executeBatch();
            }
            c.commit();
        }
        long start = System.nanoTime();
        Map<String, Double> cpuBefore = new java.util.LinkedHashMap<>();
        for (String process : CPU_PROCESSES) {
            cpuBefore.put(process, system.cpuSeconds(process));
        }
        SqsQueues queues = system.stack().queues();
        // packed as the outbox relay packs them: up to 100 events per fan-out message, ten messages per SendMessageBatch
        List<SendMessageBatchRequestEntry> messages = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += PACK) {
            List<String> pack = ids.subList(from, Math.min(from + PACK, ids.size()));
            messages.add(SendMessageBatchRequestEntry.builder().id("pack" + from)
                    .messageBody(JSON.writeValueAsString(Map.of("kind", "fanout", "eventIds", pack))).build());
        }
        for (int from = 0; from < messages.size(); from += 10) {
            List<SendMessageBatchRequestEntry> batch = messages.subList(from, Math.min(from + 10, messages.size()));
            queues.client().sendMessageBatch(b -> b.queueUrl(queues.eventsUrl()).entries(batch));
        }
        long expected = (long) count * endpointIds.size();
        String in = String.join(",", endpointIds.stream().map(id -> "'" + id + "'").toList());
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            long settled = db.count("select count(*) from delivery where endpoint_id in (" + in + ") and status in ('SUCCESS', 'RETRY_EXHAUSTED')");
            if (settled == expected) {
                Map<String, Double> cpu = new java.util.LinkedHashMap<>();
                cpuBefore.forEach((process, before) -> cpu.put(process, system.cpuSeconds(process) - before));
                return new Run(endpointIds, count, (System.nanoTime() - start) / 1e9, cpu);
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(type + ": deliveries did not settle within 10 minutes");
    }

    private static void report(TestDatabase db, String name, Run run, List<String> only, double ceiling) throws Exception {
        List<String> endpointIds = only == null ? run.endpointIds() : only;
        String in = String.join(",", endpointIds.stream().map(id -> "'" + id + "'").toList());
        Map<String, Object> row = new HashMap<>(db.rows("""
                select count(*) as deliveries,
                       count(*) filter (where d.status = 'SUCCESS') as succeeded,
                       sum(d.attempt_count) as attempts,
                       extract(epoch from max(d.updated_at) - min(e.created_at)) as span,
                       extract(epoch from max(d.created_at) - min(e.created_at)) as fanned_out,
                       percentile_cont(0.5) within group (order by extract(epoch from d.updated_at - e.created_at)) as p50,
                       percentile_cont(0.95) within group (order by extract(epoch from d.updated_at - e.created_at)) as p95,
                       percentile_cont(0.99) within group (order by extract(epoch from d.updated_at - e.created_at)) as p99,
                       extract(epoch from max(d.updated_at - e.created_at)) as max
                from delivery d join event e on e.id = d.event_id where d.endpoint_id in (%s)""".formatted(in)).getFirst());
        long received200 = db.count("""
                select count(*) from delivery_attempt a join delivery d on d.id = a.delivery_id
                where d.endpoint_id in (%s) and a.response_status = 200""".formatted(in));
        long deliveries = ((Number) row.get("deliveries")).longValue();
        double span = ((Number) row.get("span")).doubleValue();
        System.out.printf("%-22s %5d deliveries, %5d succeeded, %5d attempts (%.2f per delivery), %4d accepted twice; "
                        + "%.0f deliveries/s (%.3f of the receiver's ceiling), all fanned out after %.1f s; commit -> recorded p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                name, deliveries, ((Number) row.get("succeeded")).longValue(), ((Number) row.get("attempts")).longValue(),
                ((Number) row.get("attempts")).doubleValue() / deliveries, received200 - ((Number) row.get("succeeded")).longValue(),
                deliveries / span, deliveries / span / ceiling, ((Number) row.get("fanned_out")).doubleValue(), seconds(row, "p50"), seconds(row, "p95"), seconds(row, "p99"), seconds(row, "max"));
        if (only == null) {
            long all = (long) run.events() * run.endpointIds().size();
            StringBuilder cpu = new StringBuilder();
            run.cpu().forEach((process, used) -> cpu.append(cpu.isEmpty() ? "" : ", ").append(process)
                    .append(String.format(" %.2f", used * 1000 / Math.max(1, all))));
            System.out.printf("%-22s CPU ms per delivery (the machine has %d cores): %s%n", "", Runtime.getRuntime().availableProcessors(), cpu);
        }
    }

    private static double seconds(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue() * 1000;
    }
}
