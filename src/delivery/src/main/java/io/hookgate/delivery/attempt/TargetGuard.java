package io.hookgate.delivery.attempt;

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
        if (!"https".equals(url.getScheme()) && !("http".equals(url.getScheme()) && !requireHttps)) {
            return requireHttps ? "only https URLs are called" : "only http and https URLs are called";
        }
        if (allowPrivate || url.getHost() == null) {
            return null;
        }
        return PrivateAddresses.privateAddressOf(url.getHost())
                .map(address -> "target resolves to a private address (" + address.getHostAddress() + ")")
                .orElse(null);
    }
}
