package io.hookgate.ingest.common;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a call's client address may reach a source's route. The client address is the connection's peer
 * (in Lambda, the source IP API Gateway reports); when that peer is a trusted proxy, it is the rightmost
 * X-Forwarded-For entry that is not itself a trusted proxy. A disallowed address is refused with WEBHOOK_008.
 */
@ApplicationScoped
public class ClientIpPolicy {

    private static final Logger LOG = Logger.getLogger(ClientIpPolicy.class);

    private final Map<String, List<IpSubnetFilterRule>> allowlists = new HashMap<>();
    private final List<IpSubnetFilterRule> trustedProxies;

    public ClientIpPolicy(SourcePolicyConfig config) {
        config.ipAllowlist().forEach((source, ranges) -> allowlists.put(source, ranges.stream().map(ClientIpPolicy::rule).toList()));
        trustedProxies = config.trustedProxies().orElse(List.of()).stream().map(ClientIpPolicy::rule).toList();
    }

    /** Refuses the call with WEBHOOK_008 unless its client address is on the source's allowlist (or it has none). */
    public void check(String source, HttpServerRequest request) {
        List<IpSubnetFilterRule> allowed = allowlists.get(source);
        if (allowed == null || allowed.isEmpty()) {
            return;
        }
        InetAddress client = clientOf(request);
        if (client == null || allowed.stream().noneMatch(rule -> rule.matches(new InetSocketAddress(client, 0)))) {
            LOG.warnf("%s call refused: client address %s is not on its allowlist", source, client == null ? "unknown" : client.getHostAddress());
            throw new WebhookException(WebhookError.WEBHOOK_008, "this address may not call the " + source + " route");
        }
    }

    InetAddress clientOf(HttpServerRequest request) {
        InetAddress peer = request.remoteAddress() == null ? null : parse(request.remoteAddress().hostAddress());
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = parse(hops[i].trim());
            if (hop == null) {
                return null;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return peer;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(rule -> rule.matches(new InetSocketAddress(address, 0)));
    }

    /** An IP literal only: names are never resolved here. */
    private static InetAddress parse(String literal) {
        if (literal == null || literal.isEmpty() || !literal.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or one address. */
    private static IpSubnetFilterRule rule(String range) {
        String[] parts = range.trim().split("/");
        InetAddress address = parse(parts[0]);
        if (address == null || parts.length > 2) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + range);
        }
        int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : address.getAddress().length * 8;
        return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
    }
}
