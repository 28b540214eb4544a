package io.hookgate.endpoint;

import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Addresses an outbound webhook must never reach unless config allows it (SSRF): loopback, private, link-local (which
 * holds cloud metadata endpoints such as 169.254.169.254), wildcard, multicast, carrier-grade NAT, reserved and
 * documentation ranges, IPv6 unique-local, and IPv6 addresses that embed an IPv4 one (see {@code DENIED}).
 */
public final class PrivateAddresses {

    private PrivateAddresses() {
    }

    /**
     * Every range a webhook must not reach: private, loopback, link-local, shared (CGNAT), benchmarking, documentation,
     * multicast and reserved IPv4; and IPv6's own, plus the IPv6 forms that carry an IPv4 address a router would
     * translate (IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96} and {@code 64:ff9b:1::/48}, 6to4
     * {@code 2002::/16}, Teredo {@code 2001::/32}). IPv4-mapped {@code ::ffff:a.b.c.d} arrives here as IPv4 already.
     */
    private static final List<IpSubnetFilterRule> DENIED = IpRanges.parseAll(List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "::1/128", "64:ff9b::/96", "64:ff9b:1::/48", "100::/64", "2001::/32", "2001:db8::/32",
            "2002::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"));

    public static boolean isPrivate(InetAddress address) {
        return IpRanges.anyMatches(DENIED, address);
    }

    /** The first private address a host resolves to, if any; empty also when the name does not resolve. */
    public static Optional<InetAddress> privateAddressOf(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (isPrivate(address)) {
                    return Optional.of(address);
                }
            }
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
