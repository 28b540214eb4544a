package io.hookgate.source;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;

/** IP addresses and CIDR ranges, IPv4 or IPv6, as allowlists and trusted proxies name them. Names are never resolved. */
public final class IpRanges {

    private IpRanges() {
    }

    /** {@code 203.0.113.0/24}, {@code 2001:db8::/32}, or one address; anything else is an {@link IllegalArgumentException}. */
    public static IpSubnetFilterRule parse(String range) {
        String[] parts = range == null ? new String[] {""} : range.trim().split("/", -1);
        InetAddress address = literal(parts[0]);
        if (address == null || parts.length > 2) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + range);
        }
        int maxBits = address.getAddress().length * 8;
        int bits;
        try {
            bits = parts.length == 2 ? Integer.parseInt(parts[1]) : maxBits;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + range);
        }
        if (bits < 0 || bits > maxBits) {
            throw new IllegalArgumentException("prefix length must be 0 to " + maxBits + ": " + range);
        }
        return new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT);
    }

    public static List<IpSubnetFilterRule> parseAll(Collection<String> ranges) {
        return ranges.stream().map(IpRanges::parse).toList();
    }

    public static boolean anyMatches(List<IpSubnetFilterRule> rules, InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return rules.stream().anyMatch(rule -> rule.matches(socket));
    }

    /** An IP literal, or null when the text is not one. */
    public static InetAddress literal(String text) {
        if (text == null || text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
