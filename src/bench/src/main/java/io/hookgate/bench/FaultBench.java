package io.hookgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.devstack.TestReceiver;
import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fault-injection bench: the packaged system under steady load while its parts are killed and restarted, then a
 * drain and a reconciliation of every accepted event against the database, the dead-letter API and what the receiver
 * saw. Nothing accepted may be lost; a receiver may see a delivery twice (same webhook-id), which is counted.
 *
 * <p>Load: {@code rate} events/s through {@code POST /api/v1/events}, each routed by a payload filter to exactly one
 * of the endpoints below, plus signed deposits through the ingest function to one more. Endpoints: fifteen healthy,
 * two failing 30% of calls, one down (503) for the first 60% of the run, one slow (2.5 s, so the slow lane), one
 * answering 410, and two limited to 60 deliveries a minute that each get a burst of ten minutes' worth early on.
 * Faults, each at a random moment within its slot (seeded): kill -9 of delivery, admin, realtime and ingest in turn
 * (restarted after a few seconds), a clean PostgreSQL restart, a kill -9 of the postmaster, an SQS restart (every
 * queued message lost), a receiver outage.
 *
 * <p>{@code bin/bench faults [minutes] [events/s] [function instances] [seed]}; see docs/reliability.md.
 */
public final class FaultBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough that deliveries to the endpoint that is down for minutes survive it. */
    static final String RETRY_SCHEDULE = "0s,5s,15s,30s,1m,2m,4m,8m";
    private static final Map<String, String> DELIVERY_CONFIG = Map.of(
            "hookgate.delivery.circuit-open-duration", "60s",
            // Every accepted event keeps its delivery to account for: the 410 endpoint is not auto-disabled.
            "hookgate.delivery.disable-after-failed-deliveries", "1000000");
    private static final int BURST = 600;
    private static final Duration DRAIN_LIMIT = Duration.ofMinutes(30);

    private FaultBench() {
    }

    /** One endpoint of the run: its filter key, receiver path, and its share of the steady load. */
    record Target(String key, String path, int weight, Map<String, Object> settings) {
    }

    /** A fault as it happened. */
    record Fault(String name, long startedNanos, long endedNanos) {
    }

    /** An accepted event, the endpoint it must reach, and when the API accepted it. */
    record Accepted(String eventId, String endpointId, long acceptedNanos) {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int instances = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : System.currentTimeMillis() % 100_000;
        Path root = Path.of(System.getProperty("hookgate.root", ".")).toAbsolutePath().normalize();
        Path pgData = Files.createTempDirectory("hookgate-faults-pg");
        System.out.printf("fault bench: %d min at %d events/s, %d function instances, seed %d; starting the system from %s ...%n",
                minutes, rate, instances, seed, root);
        try (LocalSystem system = LocalSystem.start(root, RETRY_SCHEDULE, instances, DELIVERY_CONFIG, 10, pgData)) {
            new Run(system, minutes, rate, seed).execute();
        } finally {
            try (var files = Files.walk(pgData)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static final class Run {
        private final LocalSystem system;
        private final HookgateClient client;
        private final TestReceiver receiver;
        private final TestDatabase db;
        private final Duration length;
        private final int rate;
        private final Random random;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        private final Map<String, String> endpointByKey = new LinkedHashMap<>();
        private final List<Target> steady = new ArrayList<>();
        private final List<Accepted> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Map<String, Long> depositsAccepted = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> receipts = new ConcurrentHashMap<>();
        private final Map<String, Long> lastReceipt = new ConcurrentHashMap<>();
        private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        /** Accepted and refused requests per 10 s of the run, for the availability timeline. */
        private final Map<Long, int[]> timeline = new java.util.concurrent.ConcurrentSkipListMap<>();
        private final List<Fault> faults = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong sent = new AtomicLong();
        private volatile long downUntilNanos;
        private long startNanos;

        Run(LocalSystem system, int minutes, int rate, long seed) {
            this.system = system;
            this.client = new HookgateClient(system);
            this.receiver = system.stack().receiver();
            this.db = system.stack().database();
            this.length = Duration.ofMinutes(minutes);
            this.rate = rate;
            this.random = new Random(seed);
        }

        void execute() throws Exception {
            setUp();
            startNanos = System.nanoTime();
            downUntilNanos = startNanos + length.toNanos() * 6 / 10;
            Thread faultThread = Thread.ofPlatform().name("faults").start(this::injectFaults);
            Thread burstThread = Thread.ofVirtual().start(this::bursts);
            Thread depositThread = Thread.ofVirtual().start(this::deposits);
            steadyLoad();
            faultThread.join();
            burstThread.join();
            depositThread.join();
            long loadEnded = System.nanoTime();
            System.out.printf("load done: %d requests sent, %d events accepted in %.0f s (%.0f/s; target %d/s); refused: %s%n",
                    sent.get(), accepted.size() + depositsAccepted.size(), (loadEnded - startNanos) / 1e9,
                    (accepted.size() + depositsAccepted.size()) / ((loadEnded - startNanos) / 1e9), rate, refused);
            StringBuilder line = new StringBuilder("accepted/refused per 10 s:");
            timeline.forEach((bucket, counts) -> line.append(String.format(" %d0s:%d/%d", bucket, counts[0], counts[1])));
            System.out.println(line);
            drain();
            report(loadEnded);
        }

        private void setUp() throws Exception {
            client.price("ETH", "35000");
            for (int i = 0; i < 15; i++) {
                steady.add(new Target("healthy-" + i, "/faults/healthy/" + i, 5, Map.of()));
            }
            for (int i = 0; i < 2; i++) {
                steady.add(new Target("flaky-" + i, "/faults/flaky/" + i, 5, Map.of()));
            }
            steady.add(new Target("down", "/faults/down", 10, Map.of()));
            steady.add(new Target("slow", "/faults/slow", 1, Map.of("timeoutMs", 10_000)));
            steady.add(new Target("gone", "/faults/gone", 1, Map.of()));
            List<Target> all = new ArrayList<>(steady);
            all.add(new Target("limited-0", "/faults/limited/0", 0, Map.of("rateLimitPerMinute", 60, "rateLimitBurst", 1)));
            all.add(new Target("limited-1", "/faults/limited/1", 0, Map.of("rateLimitPerMinute", 60, "rateLimitBurst", 1)));
            for (Target target : all) {
                Map<String, Object> body = new HashMap<>(Map.of("name", "faults " + target.key(), "url", receiver.url(target.path()),
                        "events", List.of("user.created"), "filters", Map.of("username", target.key()),
                        "rateLimitPerMinute", 10_000, "rateLimitBurst", 10_000));
                body.putAll(target.settings());
                var created = client.admin("POST", "/api/v1/webhooks", body);
                if (created.status() != 201) {
                    throw new IllegalStateException("could not create an endpoint: " + created.body());
                }
                endpointByKey.put(target.key(), created.body().path("id").asText());
            }
            var deposits = client.admin("POST", "/api/v1/webhooks", Map.of("name", "faults deposits", "url", receiver.url("/faults/deposits"),
                    "events", List.of("deposit.confirmed"), "rateLimitPerMinute", 10_000, "rateLimitBurst", 10_000));
            endpointByKey.put("deposits", deposits.body().path("id").asText());

            Random replies = new Random(random.nextLong());
            for (int i = 0; i < 2; i++) {
                receiver.respondWith("/faults/flaky/" + i, () -> {
                    synchronized (replies) {
                        return replies.nextDouble() < 0.3 ? TestReceiver.Reply.status(500) : TestReceiver.Reply.ok();
                    }
                });
            }
            receiver.respondWith("/faults/down", () -> System.nanoTime() < downUntilNanos ? TestReceiver.Reply.status(503) : TestReceiver.Reply.ok());
            receiver.respondWith("/faults/slow", () -> TestReceiver.Reply.stall(Duration.ofMillis(2500)));
            receiver.respondWith("/faults/gone", () -> TestReceiver.Reply.status(410));
            receiver.onReceive(r -> {
                String id = r.header("webhook-id");
                if (id != null && r.path().startsWith("/faults/")) {
                    receipts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    lastReceipt.put(id, System.nanoTime());
                }
            });
        }

        /** {@code rate} events a second, paced, at most 512 in flight; each to one endpoint, by weight. */
        private void steadyLoad() throws InterruptedException {
            int totalWeight = steady.stream().mapToInt(Target::weight).sum();
            Semaphore inFlight = new Semaphore(512);
            long count = length.toSeconds() * rate;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long i = 0; i < count; i++) {
                    long due = startNanos + i * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    Target target = pick(totalWeight);
                    inFlight.acquire();
                    pool.submit(() -> {
                        try {
                            emit(target.key());
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
        }

        private Target pick(int totalWeight) {
            int n;
            synchronized (random) {
                n = random.nextInt(totalWeight);
            }
            for (Target target : steady) {
                n -= target.weight();
                if (n < 0) {
                    return target;
                }
            }
            return steady.getLast();
        }

        /**
         * Ten minutes' worth of each limited endpoint's rate, early in the run, as fast as the API takes them; a refused
         * or timed-out request is sent again (as a client would) until it is accepted.
         */
        private void bursts() {
            sleepUntil(startNanos + Duration.ofSeconds(15).toNanos());
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Semaphore inFlight = new Semaphore(64);
                for (int i = 0; i < BURST; i++) {
                    for (String key : List.of("limited-0", "limited-1")) {
                        inFlight.acquireUninterruptibly();
                        pool.submit(() -> {
                            try {
                                for (int tries = 0; tries < 20 && !emit(key); tries++) {
                                    Thread.sleep(1000);
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            } finally {
                                inFlight.release();
                            }
                        });
                    }
                }
            }
        }

        /** Five signed deposits a second through the ingest function, to the deposits endpoint. */
        private void deposits() {
            long count = length.toSeconds() * 5;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (long i = 0; i < count; i++) {
                    sleepUntil(startNanos + i * 200_000_000L);
                    String order = "cc_fault_" + i + "_" + UUID.randomUUID();
                    pool.submit(() -> {
                        sent.incrementAndGet();
                        try {
                            var reply = client.deposit(order, "fault-user-" + (order.hashCode() & 63), "ETH", "0.001");
                            if (reply.status() == 200) {
                                depositsAccepted.put(order, System.nanoTime());
                                tick(true);
                            } else {
                                refuse("deposit " + reply.status());
                            }
                        } catch (Exception e) {
                            refuse("deposit " + e.getClass().getSimpleName());
                        }
                    });
                }
            }
        }

        /** Whether the event was accepted. */
        private boolean emit(String key) {
            sent.incrementAndGet();
            String body = "{\"type\":\"user.created\",\"data\":{\"user_id\":" + sent.get() + ",\"email\":\"faults@example.com\",\"username\":\""
                    + key + "\",\"created_at\":\"" + Instant.now() + "\"}}";
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(system.admin("/api/v1/events"))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + LocalSystem.ADMIN_KEY).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    accepted.add(new Accepted(JSON.readTree(response.body()).path("id").asText(), endpointByKey.get(key), System.nanoTime()));
                    tick(true);
                    return true;
                }
                refuse("event " + response.statusCode());
            } catch (Exception e) {
                String message = e.getMessage() == null ? "" : ": " + e.getMessage();
                refuse("event " + e.getClass().getSimpleName() + message.substring(0, Math.min(message.length(), 60)));
            }
            return false;
        }

        private void refuse(String why) {
            refused.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
            tick(false);
        }

        private void tick(boolean accepted) {
            int[] bucket = timeline.computeIfAbsent((System.nanoTime() - startNanos) / 10_000_000_000L, k -> new int[2]);
            synchronized (bucket) {
                bucket[accepted ? 0 : 1]++;
            }
        }

        /** Each fault at a random moment of its slot; the slots share the run's first 90%. */
        private void injectFaults() {
            List<String> plan = List.of("kill -9 delivery", "kill -9 admin", "kill -9 realtime", "kill -9 ingest",
                    "PostgreSQL restart", "PostgreSQL kill -9", "SQS restart", "receiver outage");
            long slot = length.toNanos() * 9 / 10 / plan.size();
            for (int i = 0; i < plan.size(); i++) {
                long jitter;
                synchronized (random) {
                    jitter = (long) (random.nextDouble() * slot / 2);
                }
                sleepUntil(startNanos + i * slot + slot / 4 + jitter);
                String name = plan.get(i);
                long started = System.nanoTime();
                try {
                    inject(name);
                } catch (Exception e) {
                    System.out.printf("fault %s could not be injected: %s%n", name, e);
                }
                faults.add(new Fault(name, started, System.nanoTime()));
                System.out.printf("t=%4.0f s  %-20s back after %.1f s%n", (started - startNanos) / 1e9, name, (System.nanoTime() - started) / 1e9);
            }
        }

        private void inject(String fault) throws Exception {
            Duration down = Duration.ofSeconds(5);
            switch (fault) {
                case "PostgreSQL restart" -> system.stack().restartPostgres(false, down);
                case "PostgreSQL kill -9" -> system.stack().restartPostgres(true, down);
                case "SQS restart" -> system.stack().restartSqs(down);
                case "receiver outage" -> {
                    receiver.stopListening();
                    Thread.sleep(Duration.ofSeconds(20));
                    receiver.resume();
                }
                default -> {
                    String process = fault.substring("kill -9 ".length());
                    system.kill(process);
                    Thread.sleep(down);
                    system.restart(process);
                }
            }
        }

        /** Waits until every stored event is fanned out and no delivery of the run's endpoints is due or retrying (or the limit). */
        private void drain() throws Exception {
            long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
            long started = System.nanoTime();
            while (System.nanoTime() < deadline) {
                long open = db.count("select count(*) from delivery where endpoint_id = any(?) and status in ('PENDING', 'FAILED')",
                        (Object) endpointByKey.values().toArray(String[]::new));
                long notFannedOut = db.count("select count(*) from outbox where fanned_out_at is null");
                System.out.printf("drain +%3.0f s: %d events not yet fanned out, %d deliveries due or retrying%n",
                        (System.nanoTime() - started) / 1e9, notFannedOut, open);
                if (open == 0 && notFannedOut == 0) {
                    return;
                }
                Thread.sleep(15_000);
            }
        }

        private void report(long loadEnded) throws Exception {
            List<Accepted> all = new ArrayList<>(accepted);
            all.addAll(depositEvents());
            Map<String, Accepted> byEvent = new HashMap<>();
            all.forEach(a -> byEvent.put(a.eventId(), a));
            Set<String> storedEvents = new HashSet<>();
            Map<String, Map<String, Object>> deliveryByEvent = new HashMap<>();
            try (Connection c = db.connect()) {
                List<String> ids = new ArrayList<>(byEvent.keySet());
                for (int from = 0; from < ids.size(); from += 5000) {
                    Array chunk = c.createArrayOf("text", ids.subList(from, Math.min(from + 5000, ids.size())).toArray());
                    try (var ps = c.prepareStatement("select id from event where id = any(?)")) {
                        ps.setArray(1, chunk);
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) {
                                storedEvents.add(rs.getString(1));
                            }
                        }
                    }
                    try (var ps = c.prepareStatement("select event_id, endpoint_id, id, status from delivery where event_id = any(?)")) {
                        ps.setArray(1, chunk);
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) {
                                if (rs.getString(2).equals(byEvent.get(rs.getString(1)).endpointId())) {
                                    deliveryByEvent.put(rs.getString(1), Map.of("id", rs.getString(3), "status", rs.getString(4)));
                                }
                            }
                        }
                    }
                }
            }
            Set<String> listedDeadLetters = listedDeadLetters();
            Map<String, Integer> lost = new LinkedHashMap<>();
            List<String> lostSamples = new ArrayList<>();
            int delivered = 0;
            int deadLettered = 0;
            int pending = 0;
            Histogram latency = new Histogram(3_600_000_000_000L, 3);
            Map<String, Long> acceptedByDelivery = new HashMap<>();
            for (Accepted event : all) {
                Map<String, Object> delivery = deliveryByEvent.get(event.eventId());
                String why = null;
                if (!storedEvents.contains(event.eventId())) {
                    why = "accepted but not stored";
                } else if (delivery == null) {
                    why = "stored but never fanned out";
                } else {
                    String id = (String) delivery.get("id");
                    acceptedByDelivery.put(id, event.acceptedNanos());
                    switch ((String) delivery.get("status")) {
                        case "SUCCESS" -> {
                            if (receipts.containsKey(id)) {
                                delivered++;
                                latency.recordValue(Math.max(0, lastReceipt.get(id) - event.acceptedNanos()));
                            } else {
                                why = "SUCCESS but never received";
                            }
                        }
                        case "RETRY_EXHAUSTED" -> {
                            if (listedDeadLetters.contains(id)) {
                                deadLettered++;
                            } else {
                                why = "dead-lettered but not listed";
                            }
                        }
                        default -> pending++;
                    }
                }
                if (why != null) {
                    String source = event.eventId().startsWith("missing:") || event.endpointId().equals(endpointByKey.get("deposits"))
                            ? "deposit" : "event";
                    lost.merge(source + ": " + why, 1, Integer::sum);
                    if (lostSamples.size() < 10) {
                        lostSamples.add(event.eventId() + " (" + why + ", accepted at t=" + (event.acceptedNanos() - startNanos) / 1_000_000_000 + " s)");
                    }
                }
            }
            long duplicates = receipts.values().stream().mapToLong(n -> Math.max(0, n.get() - 1)).sum();
            long duplicated = receipts.values().stream().filter(n -> n.get() > 1).count();

            System.out.println();
            System.out.printf("accepted       %,d (%,d events through the admin API, %,d deposits through ingest); requests refused or failed: %s%n",
                    all.size(), accepted.size(), all.size() - accepted.size(), refused);
            Map<String, Integer> perEndpoint = new java.util.TreeMap<>();
            Map<String, String> keyById = new HashMap<>();
            endpointByKey.forEach((key, id) -> keyById.put(id, key.replaceAll("-\\d+$", "")));
            all.forEach(a -> perEndpoint.merge(keyById.get(a.endpointId()), 1, Integer::sum));
            System.out.printf("per endpoint   accepted %s%n", perEndpoint);
            System.out.printf("delivered      %,d%n", delivered);
            System.out.printf("dead-lettered  %,d (every one listed by GET /api/v1/webhooks/{id}/dead-letters)%n", deadLettered);
            System.out.printf("still pending  %,d%n", pending);
            System.out.printf("LOST           %,d %s%n", lost.values().stream().mapToInt(Integer::intValue).sum(), lost);
            lostSamples.forEach(sample -> System.out.println("               " + sample));
            System.out.printf("duplicates     %,d extra receipts of %,d deliveries (same webhook-id), of %,d received%n",
                    duplicates, duplicated, receipts.size());
            System.out.printf("end to end     accepted -> received p50 %.2f s, p95 %.2f s, p99 %.2f s, max %.2f s%n",
                    latency.getValueAtPercentile(50) / 1e9, latency.getValueAtPercentile(95) / 1e9,
                    latency.getValueAtPercentile(99) / 1e9, latency.getMaxValue() / 1e9);
            System.out.printf("SQS DLQ        %s%n", deadLetterQueue());
            System.out.println("recovery       time from each fault's start until a delivery of an event accepted after it was back arrived:");
            for (Fault fault : faults) {
                long firstAfter = acceptedByDelivery.entrySet().stream()
                        .filter(e -> e.getValue() >= fault.endedNanos() && lastReceipt.containsKey(e.getKey()))
                        .mapToLong(e -> lastReceipt.get(e.getKey())).min().orElse(-1);
                System.out.printf("  t=%4.0f s %-20s down %5.1f s, recovered after %s%n", (fault.startedNanos() - startNanos) / 1e9,
                        fault.name(), (fault.endedNanos() - fault.startedNanos()) / 1e9,
                        firstAfter < 0 ? "(nothing accepted after it)" : String.format("%.1f s", (firstAfter - fault.startedNanos()) / 1e9));
            }
        }

        /** The deposits' deposit.confirmed events, found by order id, with the deposits endpoint as their target. */
        private List<Accepted> depositEvents() throws Exception {
            List<Accepted> events = new ArrayList<>();
            String endpoint = endpointByKey.get("deposits");
            try (Connection c = db.connect(); var ps = c.prepareStatement(
                    "select id, payload->>'orderId' from event where type = 'deposit.confirmed' and payload->>'orderId' = any(?)")) {
                ps.setArray(1, c.createArrayOf("text", depositsAccepted.keySet().toArray()));
                Set<String> found = new HashSet<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(2));
                        events.add(new Accepted(rs.getString(1), endpoint, depositsAccepted.get(rs.getString(2))));
                    }
                }
                depositsAccepted.keySet().stream().filter(order -> !found.contains(order))
                        .forEach(order -> events.add(new Accepted("missing:" + order, endpoint, depositsAccepted.get(order))));
            }
            return events;
        }

        /** Every delivery id the dead-letter API lists for the run's endpoints. */
        private Set<String> listedDeadLetters() throws Exception {
            Set<String> ids = new HashSet<>();
            for (String endpoint : endpointByKey.values()) {
                String cursor = null;
                do {
                    var page = client.admin("GET", "/api/v1/webhooks/" + endpoint + "/dead-letters?limit=100"
                            + (cursor == null ? "" : "&starting_after=" + cursor), null);
                    if (page.status() != 200) {
                        throw new IllegalStateException("dead-letter list answered " + page.status() + ": " + page.body());
                    }
                    page.body().path("data").forEach(d -> ids.add(d.path("id").asText()));
                    cursor = page.body().path("hasMore").asBoolean() ? page.body().path("nextCursor").asText() : null;
                } while (cursor != null);
            }
            return ids;
        }

        /** What the SQS dead-letter queue holds, and whether each message's delivery or event is a row. */
        private String deadLetterQueue() throws Exception {
            var sqs = system.stack().queues().client();
            String url = system.stack().queues().deadLetterUrl();
            int messages = 0;
            int withoutRow = 0;
            List<software.amazon.awssdk.services.sqs.model.Message> batch;
            do {
                batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).visibilityTimeout(120)).messages();
                for (var message : batch) {
                    messages++;
                    JsonNode body = JSON.readTree(message.body());
                    boolean row = body.has("deliveryId")
                            ? db.count("select count(*) from delivery where id = ?", body.path("deliveryId").asText()) == 1
                            : db.count("select count(*) from event where id = ?", body.path("eventId").asText()) == 1;
                    withoutRow += row ? 0 : 1;
                }
            } while (!batch.isEmpty());
            return messages + " messages, " + withoutRow + " without a delivery or event row";
        }

        private static void sleepUntil(long nanos) {
            long wait = nanos - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
