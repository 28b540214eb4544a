package io.hookgate.delivery.attempt;

import io.hookgate.delivery.retry.DeliveryConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.hookgate.endpoint.CustomHeaders;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends one POST (Apache HttpClient 5, pooled connections per host) and never throws: every failure becomes an
 * outcome. Names are resolved by {@link VettedDnsResolver}, so the address that was checked is the address that is
 * connected to; a host that now resolves to a private address is refused at connect time.
 */
@ApplicationScoped
public class WebhookHttpClient {

    static final int MAX_LOGGED_HEADERS = 50;
    static final int MAX_LOGGED_HEADER_CHARS = 1_000;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
            .daemon().name("webhook-deadlines").factory());

    @Inject
    public WebhookHttpClient(DeliveryConfig config) {
        this(VettedDnsResolver.system(config.allowPrivateTargets()), config.maxConnectionsPerHost(), config.maxConnections());
    }

    WebhookHttpClient(VettedDnsResolver dns, int perHost, int total) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(dns)
                        .setMaxConnPerRoute(perHost)
                        .setMaxConnTotal(total)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(CONNECT_TIMEOUT))
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .build())
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    /** Blocking: call from a worker or virtual thread. {@code timeout} bounds the whole exchange, not each read. */
    AttemptOutcome post(URI url, Map<String, String> headers, byte[] body, Duration timeout, int maxBodyBytes) {
        long start = System.nanoTime();
        HttpPost post = new HttpPost(url);
        post.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(timeout)).build());
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                post.setHeader(name, value);
            }
        });
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(headers.getOrDefault("Content-Type", "application/json"))));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            String responseBody = read(response.getEntity(), maxBodyBytes);
            return new AttemptOutcome(response.getCode(), logged(response.getHeaders()), responseBody, null, elapsed(start));
        } catch (VettedDnsResolver.PrivateTargetException e) {
            return AttemptOutcome.refused(e.getMessage(), elapsed(start));
        } catch (IOException e) {
            // The deadline cancels the request by closing its socket; a read timeout ends it the same way.
            return AttemptOutcome.failed(post.isCancelled() || e instanceof InterruptedIOException
                    ? "timeout after " + timeout.toMillis() + " ms"
                    : e.getClass().getSimpleName() + ": " + e.getMessage(), elapsed(start));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return AttemptOutcome.failed("invalid request: " + e.getMessage(), elapsed(start));
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * The first {@code max} bytes of the body. A body that fits is read to its end, so the connection goes back to
     * the pool; a longer one is cut off and its connection closed rather than drained. NUL characters are replaced.
     */
    private static String read(HttpEntity entity, int max) throws IOException {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            byte[] head = in.readNBytes(max);
            if (head.length < max) {
                EntityUtils.consume(entity);
            }
            // PostgreSQL text cannot hold NUL: a receiver answering one must not make its attempt unrecordable
            return new String(head, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD');
        }
    }

    @PreDestroy
    void close() {
        deadlines.shutdownNow();
        client.close(org.apache.hc.core5.io.CloseMode.GRACEFUL);
    }

    private static long elapsed(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /**
     * The response headers as the attempt log keeps them: at most {@value #MAX_LOGGED_HEADERS} names, each value cut to
     * {@value #MAX_LOGGED_HEADER_CHARS} characters, credentials (Set-Cookie, tokens) redacted. A receiver decides what
     * it answers; the log must stay small and must not become a store of its session cookies.
     */
    static Map<String, String> logged(Header[] headers) {
        Map<String, String> logged = new TreeMap<>();
        for (Header header : headers) {
            String name = header.getName().toLowerCase(java.util.Locale.ROOT);
            if (!logged.containsKey(name) && logged.size() >= MAX_LOGGED_HEADERS) {
                logged.put("(omitted)", "more than " + MAX_LOGGED_HEADERS + " headers");
                break;
            }
            String value = CustomHeaders.isCredential(name) || name.equals("set-cookie") ? "[redacted]" : header.getValue();
            logged.merge(name, value, (a, b) -> a + "," + b);
            logged.computeIfPresent(name, (k, v) -> v.length() > MAX_LOGGED_HEADER_CHARS ? v.substring(0, MAX_LOGGED_HEADER_CHARS) + "…" : v);
        }
        return logged;
    }
}
