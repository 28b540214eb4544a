package io.hookgate.delivery.attempt;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Sends one signed POST with the JDK HTTP client; never throws, every failure becomes an outcome. */
@ApplicationScoped
public class WebhookHttpClient {

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    HttpOutcome post(URI url, Map<String, String> headers, byte[] body, Duration timeout, int maxBodyBytes) {
        long start = System.nanoTime();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String responseBody;
            try (InputStream in = response.body()) {
                responseBody = new String(in.readNBytes(maxBodyBytes), StandardCharsets.UTF_8);
            }
            Map<String, String> responseHeaders = new TreeMap<>();
            response.headers().map().forEach((k, v) -> responseHeaders.put(k.toLowerCase(), String.join(",", v)));
            return new HttpOutcome(response.statusCode(), responseHeaders, responseBody, null, elapsed(start));
        } catch (HttpTimeoutException e) {
            return new HttpOutcome(null, null, null, "timeout after " + timeout.toMillis() + " ms", elapsed(start));
        } catch (IOException e) {
            return new HttpOutcome(null, null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), elapsed(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HttpOutcome(null, null, null, "interrupted", elapsed(start));
        } catch (IllegalArgumentException e) {
            return new HttpOutcome(null, null, null, "invalid request: " + e.getMessage(), elapsed(start));
        }
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
