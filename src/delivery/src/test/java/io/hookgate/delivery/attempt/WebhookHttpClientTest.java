package io.hookgate.delivery.attempt;

import io.hookgate.devstack.TestReceiver;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection goes to the address the guard vetted. The name {@code rebound.example} does not exist in real DNS;
 * a stand-in resolver answers it with 127.0.0.1, as a DNS rebinding attacker's server would after registration.
 */
class WebhookHttpClientTest {

    static final TestReceiver RECEIVER = TestReceiver.start(0);

    /** DNS as the attacker serves it: every name resolves to loopback. */
    static final DnsResolver REBOUND = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    static URI rebound(String path) {
        return URI.create("http://rebound.example:" + RECEIVER.port() + path);
    }

    @Test
    void aNameThatResolvesToLoopbackAtConnectTimeIsRefusedAndNothingIsSent() {
        String path = "/pinned/" + UUID.randomUUID();
        var client = new WebhookHttpClient(new VettedDnsResolver(REBOUND, false), 10, 10);

        AttemptOutcome outcome = client.post(rebound(path), Map.of("Content-Type", "application/json"), "{}".getBytes(), Duration.ofSeconds(5), 4096);

        assertNull(outcome.status());
        assertTrue(outcome.error().contains("private address (127.0.0.1)"), outcome.error());
        assertTrue(outcome.isFinal(), "a refused target is not retried");
        assertTrue(RECEIVER.receivedOn(path).isEmpty());
    }

    @Test
    void theConnectionUsesTheVettedAddressWhenPrivateTargetsAreAllowed() {
        String path = "/pinned/" + UUID.randomUUID();
        var client = new WebhookHttpClient(new VettedDnsResolver(REBOUND, true), 10, 10);

        AttemptOutcome outcome = client.post(rebound(path), Map.of("Content-Type", "application/json", "X-Test", "1"), "{\"a\":1}".getBytes(),
                Duration.ofSeconds(5), 4096);

        assertEquals(200, outcome.status(), String.valueOf(outcome.error()));
        assertEquals(1, RECEIVER.receivedOn(path).size(), "the unresolvable name reached the address the resolver vetted");
        assertEquals("1", RECEIVER.receivedOn(path).getFirst().header("x-test"));
        assertEquals("{\"a\":1}", RECEIVER.receivedOn(path).getFirst().bodyText());
    }

    @Test
    void theTimeoutBoundsTheWholeExchange() {
        String path = "/slow/" + UUID.randomUUID();
        RECEIVER.thenReply(path, TestReceiver.Reply.stall(Duration.ofSeconds(5)));
        var client = new WebhookHttpClient(new VettedDnsResolver(REBOUND, true), 10, 10);

        AttemptOutcome outcome = client.post(rebound(path), Map.of(), new byte[0], Duration.ofMillis(500), 4096);

        assertNull(outcome.status());
        assertEquals("timeout after 500 ms", outcome.error());
        assertTrue(outcome.durationMs() < 4000, "gave up at the deadline, not when the receiver answered: " + outcome.durationMs());
    }

    /** Each way a real call fails gets its category: a real receiver, a closed port, a name that does not resolve, TLS to plain HTTP. */
    @Test
    void everyFailureOfARealCallIsCategorised() throws Exception {
        var client = new WebhookHttpClient(new VettedDnsResolver(SYSTEM_LOOPBACK, true), 10, 10);
        Map<String, String> json = Map.of("Content-Type", "application/json");
        Map<Integer, String> byStatus = Map.of(200, "none", 302, "redirect", 404, "http_4xx", 413, "too_large", 500, "http_5xx", 503, "http_5xx");
        for (var expected : byStatus.entrySet()) {
            String path = "/category/" + UUID.randomUUID();
            RECEIVER.thenReply(path, new TestReceiver.Reply(expected.getKey(), Map.of("Location", "http://example.com/"), Duration.ZERO, "x"));
            AttemptOutcome outcome = client.post(URI.create("http://127.0.0.1:" + RECEIVER.port() + path), json, "{}".getBytes(), Duration.ofSeconds(5), 4096);
            assertEquals(expected.getKey(), outcome.status());
            assertEquals(expected.getValue(), String.valueOf(outcome.errorCategory()).replace("null", "none"), "HTTP " + expected.getKey());
        }
        String stalled = "/category/" + UUID.randomUUID();
        RECEIVER.thenReply(stalled, TestReceiver.Reply.stall(Duration.ofSeconds(3)));
        assertEquals("timeout", client.post(URI.create("http://127.0.0.1:" + RECEIVER.port() + stalled), json, "{}".getBytes(),
                Duration.ofMillis(300), 4096).errorCategory());
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertEquals("connection_refused", client.post(URI.create("http://127.0.0.1:" + closed + "/x"), json, "{}".getBytes(),
                Duration.ofSeconds(5), 4096).errorCategory());
        assertEquals("dns", client.post(URI.create("http://no-such-host.invalid:" + RECEIVER.port() + "/x"), json, "{}".getBytes(),
                Duration.ofSeconds(5), 4096).errorCategory());
        try (var plain = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // a server that answers in plain text at once, as an http:// receiver does to a TLS handshake
            Thread.ofVirtual().start(() -> {
                try (var socket = plain.accept()) {
                    socket.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes());
                    socket.getOutputStream().flush();
                } catch (java.io.IOException ignored) {
                    // the test fails on the outcome if this went wrong
                }
            });
            AttemptOutcome tls = client.post(URI.create("https://127.0.0.1:" + plain.getLocalPort() + "/x"), json, "{}".getBytes(),
                    Duration.ofSeconds(5), 4096);
            assertEquals("tls", tls.errorCategory(), tls.error());
        }
        var guarded = new WebhookHttpClient(new VettedDnsResolver(REBOUND, false), 10, 10);
        assertEquals("refused_target", guarded.post(rebound("/x"), json, "{}".getBytes(), Duration.ofSeconds(5), 4096).errorCategory());
    }

    /** Loopback for 127.0.0.1, and no answer for any name (a name that does not exist, without asking real DNS). */
    static final DnsResolver SYSTEM_LOOPBACK = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (host.equals("127.0.0.1")) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }
            throw new UnknownHostException(host + ": Name or service not known");
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };
}
