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
}
