package io.hookgate.bench;

import org.HdrHistogram.Histogram;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/bench realtime [clients] [events per second] [seconds]}: connects the clients (default 5,000) across the
 * two realtime instances, each authenticated as its own user and subscribed to its {@code balance_update}; then
 * commits user-addressed realtime events at the rate (default 1,000/s) for the duration, each committed and then
 * NOTIFYed as the ingest function does, and measures the push latency from the commit to the client's receipt.
 */
public final class RealtimeBench {

    private static final Pattern EVENT_ID = Pattern.compile("\"id\":\"(evt_bench_[0-9]+)\"");

    private RealtimeBench() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("hookgate.root", ".")).toAbsolutePath().normalize();
        try (LocalSystem system = LocalSystem.start(root, "0s,1s,5s,30s")) {
            HookgateClient api = new HookgateClient(system);
            Map<String, Long> committedAt = new ConcurrentHashMap<>();
            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            AtomicLong received = new AtomicLong();
            HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build();

            long connectStart = System.nanoTime();
            List<WebSocket> sockets = connect(system, api, http, clients, committedAt, latency, received);
            System.out.printf("connected %,d clients in %.1f s (realtime RSS: %,d KiB and %,d KiB)%n", sockets.size(),
                    (System.nanoTime() - connectStart) / 1e9, system.rssKiB("realtime"), system.rssKiB("realtime-2"));

            long sent = emit(system, clients, rate, seconds, committedAt);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (received.get() < sent && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            System.out.printf("events committed: %,d at %,d/s for %d s; pushed and received: %,d (lost: %,d)%n",
                    sent, rate, seconds, received.get(), sent - received.get());
            System.out.printf("push latency, commit to client: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    ms(latency, 50), ms(latency, 95), ms(latency, 99), latency.getMaxValue() / 1e6);
            System.out.printf("realtime RSS after the run: %,d KiB and %,d KiB%n", system.rssKiB("realtime"), system.rssKiB("realtime-2"));
            for (WebSocket socket : sockets) {
                socket.abort();
            }
        }
    }

    private static List<WebSocket> connect(LocalSystem system, HookgateClient api, HttpClient http, int clients,
                                           Map<String, Long> committedAt, Histogram latency, AtomicLong received) throws Exception {
        List<WebSocket> sockets = java.util.Collections.synchronizedList(new ArrayList<>());
        Semaphore inFlight = new Semaphore(64);
        CountDownLatch done = new CountDownLatch(clients);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                int n = i;
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        String token = api.admin("POST", "/api/v1/realtime/tokens", Map.of("userId", "bench" + n)).body().path("token").asText();
                        Client listener = new Client(committedAt, latency, received);
                        WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                                .buildAsync(system.realtime(n % 2, "/ws"), listener).get(30, TimeUnit.SECONDS);
                        socket.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}", true).join();
                        socket.sendText("{\"type\":\"subscribe\",\"events\":[\"balance_update\"]}", true).join();
                        listener.subscribed.get(30, TimeUnit.SECONDS);
                        sockets.add(socket);
                    } catch (Exception e) {
                        System.err.println("client " + n + " failed: " + e);
                    } finally {
                        inFlight.release();
                        done.countDown();
                    }
                    return null;
                });
            }
            done.await();
        }
        return sockets;
    }

    /** Commits {@code rate} events a second for {@code seconds}, each to a random client's user; returns how many. */
    private static long emit(LocalSystem system, int clients, int rate, int seconds, Map<String, Long> committedAt) throws Exception {
        int writers = 4;
        AtomicLong next = new AtomicLong();
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<java.util.concurrent.Future<?>> running = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                running.add(pool.submit(() -> {
                    try (Connection db = DriverManager.getConnection(system.stack().jdbcUrl(), "postgres", "postgres");
                         PreparedStatement insert = db.prepareStatement("insert into event (id, type, payload, source, user_id, realtime) "
                                 + "values (?, 'balance_update', ?::jsonb, 'bench', ?, true) returning seq");
                         PreparedStatement notify = db.prepareStatement("select pg_notify('hookgate_realtime', ?)")) {
                        long n;
                        while ((n = next.getAndIncrement()) < total) {
                            long due = start + n * 1_000_000_000L / rate;
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            String id = "evt_bench_" + n;
                            String user = "bench" + java.util.concurrent.ThreadLocalRandom.current().nextInt(clients);
                            String data = "{\"userId\":\"" + user + "\",\"coin\":\"DGT\",\"newBalance\":" + n + ",\"change\":1}";
                            insert.setString(1, id);
                            insert.setString(2, data);
                            insert.setString(3, user);
                            // Timed from the committing statement's start: the reconcile may push it right after the commit.
                            committedAt.put(id, System.nanoTime());
                            long seq;
                            try (ResultSet rs = insert.executeQuery()) {
                                rs.next();
                                seq = rs.getLong(1);
                            }
                            notify.setString(1, "{\"seq\":" + seq + ",\"id\":\"" + id + "\",\"type\":\"balance_update\",\"userId\":\"" + user
                                    + "\",\"room\":null,\"source\":\"bench\",\"data\":" + data + "}");
                            notify.executeQuery().close();
                        }
                    }
                    return null;
                }));
            }
            for (var f : running) {
                f.get();
            }
        }
        return total;
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** One benchmark client: records the latency of every event frame it receives. */
    static final class Client implements WebSocket.Listener {

        final CompletableFuture<Void> subscribed = new CompletableFuture<>();
        private final Map<String, Long> committedAt;
        private final Histogram latency;
        private final AtomicLong received;
        private final StringBuilder partial = new StringBuilder();

        Client(Map<String, Long> committedAt, Histogram latency, AtomicLong received) {
            this.committedAt = committedAt;
            this.latency = latency;
            this.received = received;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                long now = System.nanoTime();
                if (frame.contains("\"type\":\"subscribed\"")) {
                    subscribed.complete(null);
                } else {
                    Matcher m = EVENT_ID.matcher(frame);
                    if (m.find()) {
                        Long at = committedAt.get(m.group(1));
                        if (at != null) {
                            synchronized (latency) {
                                latency.recordValue(Math.max(0, now - at));
                            }
                            received.incrementAndGet();
                        }
                    }
                }
            }
            socket.request(1);
            return null;
        }
    }
}
