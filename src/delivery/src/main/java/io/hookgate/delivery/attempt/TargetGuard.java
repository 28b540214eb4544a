package io.hookgate.delivery.attempt;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Refuses outbound calls to loopback, private, link-local and wildcard addresses, against SSRF. */
final class TargetGuard {

    private TargetGuard() {
    }

    /** Returns null when the URL may be called, or the reason it may not. */
    static String refusal(URI url, boolean allowPrivate) {
        if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
            return "only http and https URLs are called";
        }
        if (allowPrivate) {
            return null;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(url.getHost())) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || isUniqueLocalV6(address)) {
                    return "target resolves to a private address (" + address.getHostAddress() + ")";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return null; // the attempt itself reports the DNS failure, and it is retried
        }
    }

    private static boolean isUniqueLocalV6(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
    }
}
