package io.hookgate.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * AWS Secrets Manager's {@code GetSecretValue}, for tests only: AWS itself cannot run here. It speaks the service's
 * wire protocol (JSON 1.1, {@code X-Amz-Target: secretsmanager.GetSecretValue}), so the AWS SDK client under test is
 * the real one, pointed here by its endpoint override. Unknown secrets get the service's ResourceNotFoundException.
 */
public final class SecretsManagerStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();

    private SecretsManagerStub(HttpServer server) {
        this.server = server;
    }

    public static SecretsManagerStub start() throws IOException {
        SecretsManagerStub stub = new SecretsManagerStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        stub.server.createContext("/", stub::answer);
        stub.server.start();
        return stub;
    }

    /** Stores {@code secretString} (the JSON text of the secret's fields) under {@code secretId}. */
    public SecretsManagerStub put(String secretId, String secretString) {
        secrets.put(secretId, secretString);
        return this;
    }

    /** How often a secret has been read. */
    public int reads(String secretId) {
        return reads.getOrDefault(secretId, new AtomicInteger()).get();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String secretId = request.path("SecretId").asText();
            if (!"secretsmanager.GetSecretValue".equals(target)) {
                reply(exchange, 400, Map.of("__type", "UnknownOperationException", "message", String.valueOf(target)));
                return;
            }
            reads.computeIfAbsent(secretId, id -> new AtomicInteger()).incrementAndGet();
            String value = secrets.get(secretId);
            if (value == null) {
                reply(exchange, 400, Map.of("__type", "ResourceNotFoundException", "message", "Secrets Manager can't find the specified secret."));
                return;
            }
            reply(exchange, 200, Map.of("ARN", secretId, "Name", secretId, "SecretString", value, "VersionId", "v1",
                    "VersionStages", java.util.List.of("AWSCURRENT"), "CreatedDate", 1.7e9));
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
