package io.hookgate.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) for tests and the bench: it queues every JSON text frame it receives. */
public final class WsTestClient implements WebSocket.Listener, AutoCloseable {

    /** Decimals stay exact, as money must. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    private volatile boolean closed;
    private volatile int closeCode;
    private volatile boolean paused;

    private WsTestClient(URI uri) {
        URI ws = URI.create(uri.toString().replaceFirst("^http", "ws"));
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(ws, this).join();
    }

    /** Connects to a ws:// (or http://, rewritten) URI. */
    public static WsTestClient connect(URI uri) {
        return new WsTestClient(uri);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                received.add(JSON.readTree(partial.toString()));
            } catch (java.io.IOException e) {
                received.add(JSON.createObjectNode().put("type", "unparsable").put("raw", partial.toString()));
            }
            partial.setLength(0);
        }
        if (!paused) {
            webSocket.request(1);
        }
        return null;
    }

    /** How many frames arrived and have not been taken with {@code next}. */
    public int unread() {
        return received.size();
    }

    /** Stops reading frames, as a client that cannot keep up: the server's sends back up behind it. */
    public void pause() {
        paused = true;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        closeCode = statusCode;
        return null;
    }

    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame, failing after the timeout. */
    public JsonNode next(Duration timeout) throws InterruptedException {
        JsonNode message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    /** The next frame of the given type, skipping others. */
    public JsonNode next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode message = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no " + type + " within " + timeout);
            }
            if (type.equals(message.path("type").asText())) {
                return message;
            }
        }
    }

    /** Whether a frame of this type arrives within the wait. */
    public boolean receives(String type, Duration wait) throws InterruptedException {
        try {
            next(type, wait);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    /** The close code the server sent, once closed. */
    public int closeCode() {
        return closeCode;
    }

    @Override
    public void close() {
        if (!closed) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
