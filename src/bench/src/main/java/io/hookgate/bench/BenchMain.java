package io.hookgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.devstack.TestReceiver;
import org.HdrHistogram.Histogram;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The walking-skeleton benchmark: starts the whole system from nothing (packaged deployables, devstack, receiver),
 * posts N signed deposits at concurrency C, and prints ingest throughput, end-to-end latency from accepted (the 200
 * answer) to received by the bench receiver, and delivery throughput.
 *
 * <p>{@code bin/bench [deposits] [concurrency] [endpoints] [function instances]}, or {@code bin/bench delivery …} for
 * {@link DeliveryBench}; see docs/benchmarks.md.
 */
public final class BenchMain {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Deposits sent before the measured ones. */
    private static final int WARMUP = 1500;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("realtime")) {
            RealtimeBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("plans")) {
            QueryPlans.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("startup")) {
            StartupBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("faults")) {
            FaultBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("ingest")) {
            IngestBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("delivery")) {
            DeliveryBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        int deposits = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int endpoints = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        int instances = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        // 0: closed loop (each of `concurrency` clients sends its next deposit when the last is answered); otherwise an
        // open loop at this many deposits per second, `concurrency` capping those in flight: a steady load, whose
        // end-to-end figures are latencies rather than a backlog's age.
        int rate = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        Path root = Path.of(System.getProperty("hookgate.root", ".")).toAbsolutePath().normalize();

        System.out.printf("starting the system from %s ...%n", root);
        try (LocalSystem system = LocalSystem.start(root, "0s,1s,5s,30s", instances)) {
            HookgateClient client = new HookgateClient(system);
            client.price("ETH", "35000");
            TestReceiver receiver = system.stack().receiver();
            for (int i = 0; i < endpoints; i++) {
                var created = client.admin("POST", "/api/v1/webhooks",
                        Map.of("name", "bench " + i, "url", receiver.url("/bench/" + i), "events", List.of("deposit.confirmed"),
                                "rateLimitPerMinute", 10_000, "rateLimitBurst", 10_000));
                if (created.status() != 201) {
                    throw new IllegalStateException("could not create an endpoint: " + created.body());
                }
                client.raiseRateLimits(List.of(created.body().path("id").asText()));
            }
            Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
            Map<String, List<Long>> receivedAt = new ConcurrentHashMap<>();
            receiver.onReceive(r -> {
                long now = System.nanoTime();
                try {
                    String order = JSON.readTree(r.body()).path("data").path("orderId").asText();
                    receivedAt.computeIfAbsent(order, k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(now);
                } catch (java.io.IOException ignored) {
                    // not a bench delivery
                }
            });

            // Warm-up at the run's concurrency: JIT (C2 compiles count as the process's CPU), connection pools, caches;
            // excluded from the figures.
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Semaphore warming = new Semaphore(concurrency);
                for (int i = 0; i < WARMUP; i++) {
                    warming.acquire();
                    pool.submit(() -> {
                        try {
                            return client.deposit("warmup_" + UUID.randomUUID(), "warmup-" + (int) (Math.random() * 100), "ETH", "0.001");
                        } finally {
                            warming.release();
                        }
                    });
                }
            }
            // Let the warm-up's deliveries drain, so the measured deposits do not queue behind them.
            long drained = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (endpoints > 0 && receivedAt.keySet().stream().filter(k -> k.startsWith("warmup_")).count() < WARMUP
                    && System.nanoTime() < drained) {
                Thread.sleep(200);
            }
            Thread.sleep(1000);
            receivedAt.clear();

            Map<String, Double> cpuBefore = new java.util.LinkedHashMap<>();
            for (String process : CPU_PROCESSES) {
                cpuBefore.put(process, system.cpuSeconds(process));
            }
            AtomicInteger failures = new AtomicInteger();
            Semaphore inFlight = new Semaphore(concurrency);
            Histogram ingestLatency = new Histogram(60_000_000_000L, 3);
            long start = System.nanoTime();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < deposits; i++) {
                    String order = "bench_" + i + "_" + UUID.randomUUID();
                    String user = "bench-user-" + (i % 100);
                    if (rate > 0) {
                        long due = start + (long) (i * 1e9 / rate);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    inFlight.acquire();
                    pool.submit(() -> {
                        try {
                            long sent = System.nanoTime();
                            var reply = client.deposit(order, user, "ETH", "0.001");
                            long done = System.nanoTime();
                            if (reply.status() == 200) {
                                acceptedAt.put(order, done);
                                synchronized (ingestLatency) {
                                    ingestLatency.recordValue(done - sent);
                                }
                            } else {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        } finally {
                            inFlight.release();
                        }
                        return null;
                    });
                }
            }
            long ingestEnd = System.nanoTime();
            long expected = (long) acceptedAt.size() * endpoints;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (receivedCount(receivedAt) < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            long deliveryEnd = receivedAt.values().stream().flatMap(List::stream).mapToLong(Long::longValue).max().orElse(System.nanoTime());

            Histogram endToEnd = new Histogram(600_000_000_000L, 3);
            acceptedAt.forEach((order, accepted) -> {
                for (long received : receivedAt.getOrDefault(order, List.of())) {
                    endToEnd.recordValue(Math.max(0, received - accepted));
                }
            });
            double ingestSeconds = (ingestEnd - start) / 1e9;
            double deliverySeconds = (deliveryEnd - start) / 1e9;
            System.out.println();
            System.out.printf("mode %s, publish %s; deposits %d, %s, endpoints %d, function instances %d, failed requests %d%n",
                    LocalSystem.SERVICE ? "service (-Dservice builds, delivery polling its queues)" : "Lambda-emulated (runtime API stand-ins)",
                    LocalSystem.PUBLISH, deposits, rate > 0 ? "steady " + rate + "/s (at most " + concurrency + " in flight)" : "concurrency " + concurrency,
                    endpoints, instances, failures.get());
            System.out.printf("ingest:      %.0f deposits/s (%d accepted in %.2f s); request latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n",
                    acceptedAt.size() / ingestSeconds, acceptedAt.size(), ingestSeconds,
                    ms(ingestLatency, 50), ms(ingestLatency, 95), ms(ingestLatency, 99));
            System.out.printf("end to end:  accepted -> received p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d of %d delivered)%n",
                    ms(endToEnd, 50), ms(endToEnd, 95), ms(endToEnd, 99), endToEnd.getMaxValue() / 1e6, receivedCount(receivedAt), expected);
            System.out.printf("delivery:    %.0f deliveries/s (all %d received %.2f s after the first deposit was sent)%n",
                    receivedCount(receivedAt) / deliverySeconds, receivedCount(receivedAt), deliverySeconds);
            StringBuilder cpu = new StringBuilder();
            for (String process : CPU_PROCESSES) {
                double used = system.cpuSeconds(process) - cpuBefore.get(process);
                cpu.append(cpu.isEmpty() ? "" : ", ").append(process).append(String.format(" %.2f", used * 1000 / Math.max(1, acceptedAt.size())));
            }
            System.out.printf("CPU seconds per 1,000 deposits (per process; the machine has %d cores): %s%n", Runtime.getRuntime().availableProcessors(), cpu);
            System.out.printf("RSS after the run (KiB, one process each): ingest %,d, admin %,d, delivery %,d, realtime %,d%n",
                    system.rssKiB("ingest"), system.rssKiB("admin"), system.rssKiB("delivery"), system.rssKiB("realtime"));

            // The ceiling, in the same run on the same PostgreSQL: ingest's own deposit statement at 32 connections.
            double ceiling = DatabaseCeiling.tps(system.stack(), DatabaseCeiling.DEPOSIT, 32, 10);
            double depositRate = acceptedAt.size() / ingestSeconds;
            System.out.printf("ceiling:     pgbench of ingest's deposit statement (32 clients, 10 s): %.0f tx/s; ingest reached %.3f of it%n",
                    ceiling, depositRate / ceiling);
            if (endpoints > 0) {
                double deliveryRate = receivedCount(receivedAt) / deliverySeconds;
                Wrk.Report receiverCeiling = Wrk.receiverCeiling(receiver.url("/ceiling"), 5, 32);
                System.out.printf("ceiling:     wrk posting an envelope to the bench receiver (32 connections, 5 s): %.0f requests/s; delivery reached %.3f of it%n",
                        receiverCeiling.rate(), deliveryRate / receiverCeiling.rate());
            }
        }
    }

    /**
     * The processes a deposit passes through (admin is idle during the run: its figure is the floor of an idle JVM),
     * then what shares the machine with them: PostgreSQL, and the bench's own JVM (load generator, receiver, ElasticMQ).
     */
    private static final List<String> CPU_PROCESSES = List.of("ingest", "delivery", "realtime", "admin", "postgres", "bench");

    /** Deliveries of the measured deposits received so far (a late warm-up delivery is not one). */
    private static long receivedCount(Map<String, List<Long>> receivedAt) {
        return receivedAt.entrySet().stream().filter(e -> e.getKey().startsWith("bench_")).mapToLong(e -> e.getValue().size()).sum();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
