package io.hookgate.devstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/** A real HTTP receiver for outbound webhooks: records every request and answers as scripted (fail, stall, 429). */
public final class TestReceiver implements AutoCloseable {

    /** What the receiver answers to one request. */
    public record Reply(int status, Map<String, String> headers, Duration stall, String body) {
        public static Reply ok() {
            return new Reply(200, Map.of(), Duration.ZERO, "ok");
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), Duration.ZERO, "status " + status);
        }

        public static Reply tooManyRequests(long retryAfterSeconds) {
            return new Reply(429, Map.of("Retry-After", Long.toString(retryAfterSeconds)), Duration.ZERO, "slow down");
        }

        public static Reply stall(Duration stall) {
            return new Reply(200, Map.of(), stall, "late");
        }
    }

    /** One request as it arrived; header names are lower case. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, Instant at) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private volatile HttpServer server;
    private volatile int port;
    /** Appended on every request, copied only when read (a copy-on-write list made a long run quadratic). */
    private final java.util.Queue<Received> received = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.Map<String, ConcurrentLinkedQueue<Reply>> scripts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, java.util.function.Supplier<Reply>> responders = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<Received>> listeners = new CopyOnWriteArrayList<>();

    private TestReceiver(HttpServer server) {
        this.server = server;
    }

    public static TestReceiver start(int port) {
        TestReceiver receiver = new TestReceiver(null);
        receiver.server = receiver.listen(port);
        return receiver;
    }

    private HttpServer listen(int port) {
        try {
            HttpServer listening = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
            listening.createContext("/", this::handle);
            listening.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            listening.start();
            this.port = listening.getAddress().getPort();
            return listening;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An outage: stops listening (callers get connection refused) until {@link #resume}. What it received is kept. */
    public synchronized void stopListening() {
        server.stop(0);
    }

    /** Listens again on the same port after {@link #stopListening}. */
    public synchronized void resume() {
        server = listen(port());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, body, Instant.now());
            ConcurrentLinkedQueue<Reply> script = scripts.get(request.path());
            Reply reply = script == null ? null : script.poll();
            if (reply == null) {
                var responder = responders.get(request.path());
                reply = responder == null ? Reply.ok() : responder.get();
            }
            if (!reply.stall().isZero()) {
                try {
                    Thread.sleep(reply.stall());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(request);
            listeners.forEach(listener -> listener.accept(request));
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
        }
    }

    /** The next requests to {@code path} get these replies, in order; after them, 200. */
    public TestReceiver thenReply(String path, Reply... replies) {
        scripts.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
        return this;
    }

    /** Requests to {@code path} that no script answers get the responder's reply (a steady behaviour, such as 30% failures). */
    public TestReceiver respondWith(String path, java.util.function.Supplier<Reply> responder) {
        responders.put(path, responder);
        return this;
    }

    public void onReceive(java.util.function.Consumer<Received> listener) {
        listeners.add(listener);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public int port() {
        return port;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> receivedOn(String path) {
        return received(r -> r.path().equals(path));
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    public void reset() {
        received.clear();
        scripts.clear();
        responders.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
