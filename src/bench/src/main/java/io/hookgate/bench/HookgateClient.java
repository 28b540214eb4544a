package io.hookgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Talks to a running Hookgate as its users do: the provider posting signed deposits, an admin calling the API. */
public final class HookgateClient {

    /** A response's status and parsed JSON body. */
    public record Reply(int status, JsonNode body, Map<String, List<String>> headers) {
    }

    /** Decimals stay exact, as money must. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalSystem system;

    public HookgateClient(LocalSystem system) {
        this.system = system;
    }

    public static String depositBody(String orderId, String userId, String coin, String amount) {
        return """
                {"event":"deposit_confirmed","order_id":"%s","transaction_hash":"0xabc","coin":"%s","amount":"%s",
                 "usd_value":87.50,"confirmations":12,"required_confirmations":12,"network":"ethereum",
                 "to_address":"0x742d35Cc6634C0532925a3b8D321140A5b8fE899","timestamp":"2025-01-01T12:00:00Z",
                 "metadata":{"user_id":"%s"}}""".formatted(orderId, coin, amount, userId);
    }

    public static String ccSignature(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Reply postDeposit(String body, String signature, long timestampSeconds) throws Exception {
        return postDeposit(0, body, signature, timestampSeconds);
    }

    /** Posts to the first (0) or second (1) ingest process. */
    public Reply postDeposit(int process, String body, String signature, long timestampSeconds) throws Exception {
        return postIngest(process, "/api/webhook/ccpayment/deposit", body,
                Map.of("X-CC-Signature", signature, "X-CC-Timestamp", Long.toString(timestampSeconds)));
    }

    /** Posts a body with the given headers to an inbound route of the first (0) or second (1) ingest process. */
    public Reply postIngest(int process, String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.ingest(process, path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Seed 000's withdrawal callback in a state (requested, completed, failed). */
    public static String withdrawalBody(String withdrawalId, String userId, String state) {
        return """
                {"event":"withdrawal_%s","withdrawal_id":"%s","transaction_hash":"0xabcdef1234567890","coin":"BTC",
                 "amount":"0.001000000000","fee":"0.000100000000","status":"%s",
                 "to_address":"bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh","block_height":820000,"confirmations":3,
                 "timestamp":"2025-01-01T13:00:00Z","metadata":{"user_id":"%s"}}""".formatted(state, withdrawalId, state, userId);
    }

    public Reply deposit(String orderId, String userId, String coin, String amount) throws Exception {
        String body = depositBody(orderId, userId, coin, amount);
        return postDeposit(body, ccSignature(body, LocalSystem.CCPAYMENT_SECRET), System.currentTimeMillis() / 1000);
    }

    public Reply admin(String method, String path, Object body) throws Exception {
        return as(LocalSystem.ADMIN_KEY, method, path, body);
    }

    /** An admin API call with the given bearer key. */
    public Reply as(String key, String method, String path, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(system.admin(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(request.build());
    }

    private Reply send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        return new Reply(response.statusCode(), body, response.headers().map());
    }

    /** Lifts these endpoints' rate limits beyond what the API accepts (benches only: 100,000 a second). */
    public void raiseRateLimits(java.util.List<String> endpointIds) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(system.stack().jdbcUrl(), "postgres", "postgres");
             var ps = c.prepareStatement("update endpoint set rate_limit_per_minute = 6000000, rate_limit_burst = 6000000 where id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", endpointIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** Stores a price as the price feed would, so deposits of that coin can be converted. */
    public void price(String coin, String dgtPerUnit) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(system.stack().jdbcUrl(), "postgres", "postgres");
             var ps = c.prepareStatement("insert into price (coin, quote, price, source, observed_at) values (?, 'DGT', ?, 'bench', now())")) {
            ps.setString(1, coin);
            ps.setBigDecimal(2, new java.math.BigDecimal(dgtPerUnit));
            ps.executeUpdate();
        }
    }
}
