package io.hookgate.delivery.attempt;

import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import io.hookgate.endpoint.PrivateAddresses;

import java.net.URI;

/**
 * Checks an endpoint's address right before each attempt, not only at registration, so a DNS name that was public
 * when registered and now resolves to a private address is refused.
 */
final class TargetGuard {

    private TargetGuard() {
    }

    /** Returns null when the URL may be called, or the reason it may not. */
    static String refusal(URI url, boolean allowPrivate, boolean requireHttps) {
        return refusal(url, allowPrivate, requireHttps, List.of());
    }

    /** As above, and refused as well when the host resolves into a destination its organisation forbids. */
    static String refusal(URI url, boolean allowPrivate, boolean requireHttps, List<IpSubnetFilterRule> forbidden) {
        if (!"https".equals(url.getScheme()) && !("http".equals(url.getScheme()) && !requireHttps)) {
            return requireHttps ? "only https URLs are called" : "only http and https URLs are called";
        }
        if (!forbidden.isEmpty() && url.getHost() != null) {
            try {
                for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                    if (IpRanges.anyMatches(forbidden, address)) {
                        return VettedDnsResolver.forbiddenMessage(url.getHost(), address);
                    }
                }
            } catch (UnknownHostException e) {
                return null;   // the call itself fails on it, as a dns error
            }
        }
        if (allowPrivate || url.getHost() == null) {
            return null;
        }
        return PrivateAddresses.privateAddressOf(url.getHost())
                .map(address -> "target resolves to a private address (" + address.getHostAddress() + ")")
                .orElse(null);
    }
}
