package io.hookgate.endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Addresses an outbound webhook must never reach unless config allows it (SSRF): loopback, private, link-local (which
 * holds cloud metadata endpoints such as 169.254.169.254), wildcard, multicast, carrier-grade NAT and IPv6 unique-local.
 */
public final class PrivateAddresses {

    private PrivateAddresses() {
    }

    public static boolean isPrivate(InetAddress address) {
        byte[] raw = address.getAddress();
        boolean sharedCgnat = raw.length == 4 && (raw[0] & 0xff) == 100 && (raw[1] & 0xc0) == 64;
        boolean thisNetwork = raw.length == 4 && raw[0] == 0;
        boolean uniqueLocalV6 = raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || sharedCgnat || thisNetwork || uniqueLocalV6;
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
