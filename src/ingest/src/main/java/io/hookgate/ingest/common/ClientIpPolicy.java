package io.hookgate.ingest.common;

import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.List;

/**
 * Decides whether a call's client address may reach a source's route. The client address is the connection's peer
 * (in Lambda, the source IP API Gateway reports); when that peer is a trusted proxy, it is the rightmost
 * X-Forwarded-For entry that is not itself a trusted proxy. A disallowed address is refused with WEBHOOK_008.
 */
@ApplicationScoped
public class ClientIpPolicy {

    private static final Logger LOG = Logger.getLogger(ClientIpPolicy.class);

    private final List<IpSubnetFilterRule> trustedProxies;

    public ClientIpPolicy(SourcePolicyConfig config) {
        trustedProxies = IpRanges.parseAll(config.trustedProxies().orElse(List.of()));
    }

    /**
     * Refuses the call with WEBHOOK_008 when its client address is blocked for the source (suspicious activity) or on
     * its block list, or unless it is on the allowlist (when there is one).
     */
    public void check(SourcePolicy policy, HttpServerRequest request) {
        if (policy.allowlist().isEmpty() && policy.blocklist().isEmpty() && policy.blockedAddresses().isEmpty()) {
            return;
        }
        InetAddress client = clientOf(request);
        if (client != null && policy.blockedAddresses().contains(client.getHostAddress())) {
            LOG.warnf("%s call refused: client address %s is blocked after repeated suspicious calls", policy.source(), client.getHostAddress());
            throw new WebhookException(WebhookError.WEBHOOK_008, "this address is blocked for the " + policy.source()
                    + " route after repeated suspicious calls", null, "address_blocked");
        }
        if (client != null && IpRanges.anyMatches(policy.blocklist(), client)) {
            LOG.warnf("%s call refused: client address %s is on its block list", policy.source(), client.getHostAddress());
            throw new WebhookException(WebhookError.WEBHOOK_008, "this address is on the " + policy.source() + " route's block list");
        }
        if (policy.allowlist().isEmpty()) {
            return;
        }
        if (client == null || !IpRanges.anyMatches(policy.allowlist(), client)) {
            LOG.warnf("%s call refused: client address %s is not on its allowlist", policy.source(),
                    client == null ? "unknown" : client.getHostAddress());
            throw new WebhookException(WebhookError.WEBHOOK_008, "this address may not call the " + policy.source() + " route");
        }
    }

    InetAddress clientOf(HttpServerRequest request) {
        InetAddress peer = request.remoteAddress() == null ? null : IpRanges.literal(request.remoteAddress().hostAddress());
        if (peer == null || !IpRanges.anyMatches(trustedProxies, peer)) {
            return peer;
        }
        // Every X-Forwarded-For value, in order: a proxy may add its own header line, and the local Lambda event
        // server splits one comma-separated value into several.
        List<String> forwarded = request.headers().getAll("X-Forwarded-For");
        if (forwarded.isEmpty()) {
            return peer;
        }
        String[] hops = String.join(",", forwarded).split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            InetAddress hop = IpRanges.literal(hops[i].trim());
            if (hop == null) {
                return null;
            }
            if (!IpRanges.anyMatches(trustedProxies, hop)) {
                return hop;
            }
        }
        return peer;
    }
}
