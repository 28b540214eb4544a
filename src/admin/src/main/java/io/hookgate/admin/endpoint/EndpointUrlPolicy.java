package io.hookgate.admin.endpoint;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import io.hookgate.admin.auth.AdminConfig;
import io.hookgate.admin.common.ApiException;
import io.hookgate.endpoint.PrivateAddresses;
import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Refuses endpoint URLs that are malformed, not https, or aimed at private networks or at destinations their organisation
 * forbids, and headers that forge signatures.
 */
@ApplicationScoped
public class EndpointUrlPolicy {

    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host", "user-agent",
            "transfer-encoding", "connection");

    private final AdminConfig config;
    private final HostLookup hosts;

    public EndpointUrlPolicy(AdminConfig config, HostLookup hosts) {
        this.config = config;
        this.hosts = hosts;
    }

    public String checkUrl(String raw) {
        URI url;
        try {
            url = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw ApiException.invalid("url", "is not a valid URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !config.requireHttps())) {
            throw ApiException.invalid("url", config.requireHttps() ? "must use https" : "must use http or https");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            throw ApiException.invalid("url", "must name a host");
        }
        if (url.getUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry credentials; use custom headers instead");
        }
        return url.toString();
    }

    /**
     * Resolves an http(s) URL's host and refuses it when it does not resolve, does not resolve in time ({@link
     * HostLookup}), reaches a private address, or reaches one its organisation forbids ({@code forbidden}: the
     * tenant's outbound policy, checked even where private targets are allowed). Checked before the transaction starts
     * (and again at every delivery, where the resolved address is pinned). Other URLs (mailto:) pass untouched.
     */
    public Uni<Void> vetTarget(String raw, List<String> forbidden) {
        boolean refusePrivate = !config.allowPrivateTargets();
        String host = raw == null || (!refusePrivate && forbidden.isEmpty()) ? null : httpHost(raw);
        if (host == null || host.isBlank()) {
            return Uni.createFrom().voidItem();
        }
        List<IpSubnetFilterRule> forbiddenRanges = IpRanges.parseAll(forbidden);
        return hosts.addressesOf(host)
                .onFailure(HostLookup.Unresolvable.class).transform(e -> ApiException.invalid("url", "host " + host + " does not resolve"))
                .onFailure(TimeoutException.class).transform(e -> ApiException.invalid("url", "host " + host
                        + " did not resolve in time (its name servers do not answer); try again once they do"))
                .invoke(addresses -> {
                    for (InetAddress address : addresses) {
                        if (refusePrivate && PrivateAddresses.isPrivate(address)) {
                            throw ApiException.invalid("url", "resolves to a private or loopback address (" + address.getHostAddress()
                                    + "), which is not allowed");
                        }
                        if (IpRanges.anyMatches(forbiddenRanges, address)) {
                            throw ApiException.invalid("url", "resolves to " + address.getHostAddress()
                                    + ", a destination the organisation forbids (its outbound policy's blockedDestinations)");
                        }
                    }
                })
                .replaceWithVoid();
    }

    /** The host of an http(s) URL; null for other schemes and for what is not a URL (checkUrl names the problem). */
    private static String httpHost(String raw) {
        try {
            URI url = new URI(raw.trim());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            return scheme.startsWith("http") ? url.getHost() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    public void checkHeaders(Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        for (String name : headers.keySet()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("webhook-") || lower.startsWith("x-webhook-") || RESERVED_HEADERS.contains(lower)) {
                throw ApiException.invalid("headers." + name, "is set by Hookgate and cannot be overridden");
            }
            if (!name.matches("[A-Za-z0-9-]+")) {
                throw ApiException.invalid("headers." + name, "is not a valid header name");
            }
        }
    }
}
