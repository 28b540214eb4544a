package io.hookgate.delivery.attempt;

import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.util.List;
import java.util.function.Supplier;

import io.hookgate.endpoint.PrivateAddresses;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The HTTP client's name resolution, which refuses a host when any address it resolves to is private, loopback,
 * link-local or otherwise internal. Because the connection is made to exactly the addresses returned here, a name
 * that is rebound to an internal address between the pre-attempt check and the connection is still refused.
 */
final class VettedDnsResolver implements DnsResolver {

    /** Thrown for a host that resolves to an address outbound calls may not reach; never retried. */
    static class PrivateTargetException extends UnknownHostException {
        PrivateTargetException(String host, InetAddress address) {
            this("target " + host + " resolves to a private address (" + address.getHostAddress() + ")");
        }

        PrivateTargetException(String message) {
            super(message);
        }
    }

    /** The destinations the current attempt's organisation forbids, for the calls made on this thread. */
    private static final ThreadLocal<List<IpSubnetFilterRule>> FORBIDDEN = ThreadLocal.withInitial(List::of);

    /** Runs {@code call} (on this thread) refusing, besides private addresses, the {@code forbidden} ranges. */
    static <T> T forbidding(List<IpSubnetFilterRule> forbidden, Supplier<T> call) {
        FORBIDDEN.set(forbidden);
        try {
            return call.get();
        } finally {
            FORBIDDEN.remove();
        }
    }

    static String forbiddenMessage(String host, InetAddress address) {
        return "target " + host + " resolves to " + address.getHostAddress() + ", a destination its organisation forbids";
    }

    private final DnsResolver dns;
    private final boolean allowPrivate;

    VettedDnsResolver(DnsResolver dns, boolean allowPrivate) {
        this.dns = dns;
        this.allowPrivate = allowPrivate;
    }

    static VettedDnsResolver system(boolean allowPrivate) {
        return new VettedDnsResolver(SystemDefaultDnsResolver.INSTANCE, allowPrivate);
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = dns.resolve(host);
        for (InetAddress address : addresses) {
            if (IpRanges.anyMatches(FORBIDDEN.get(), address)) {
                throw new PrivateTargetException(forbiddenMessage(host, address));
            }
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                if (PrivateAddresses.isPrivate(address)) {
                    throw new PrivateTargetException(host, address);
                }
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return dns.resolveCanonicalHostname(host);
    }
}
