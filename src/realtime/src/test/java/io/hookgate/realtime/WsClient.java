package io.hookgate.realtime;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client (the JDK's) that queues every text frame it receives. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    volatile boolean closed;

    private WsClient(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(uri.toString().replaceFirst("^http", "ws")), this).join();
    }

    public static WsClient connect(URI uri) {
        return new WsClient(uri);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(new JsonObject(partial.toString()));
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    public void send(JsonObject message) {
        socket.sendText(message.encode(), true).join();
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    /** The next frame, failing after the timeout. */
    public JsonObject next(Duration timeout) throws InterruptedException {
        JsonObject message = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return message;
    }

    /** The next frame of the given type, skipping others. */
    public JsonObject next(String type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonObject message = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no " + type + " within " + timeout);
            }
            if (type.equals(message.getString("type"))) {
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

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
}
