package io.hookgate.ingest.common;

import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every inbound call's first step: the source's policy (the admin's {@code source_policy} row over configuration, and
 * the addresses blocked for suspicious activity, cached per instance for {@code hookgate.ingest.policy.cache-ttl}) and
 * the client-address check against it. A registered source also honours the blocks of {@link #REGISTERED_SOURCES},
 * where probes of unknown source ids are counted.
 */
@ApplicationScoped
public class SourcePolicies {

    /** The built-in sources; any other name is a registered source's id. */
    public static final Set<String> BUILT_IN = Set.of("ccpayment", "price-feed", "analytics");

    /** The name under which calls to unknown registered-source ids are counted and blocked. */
    public static final String REGISTERED_SOURCES = "sources";

    /** An admin's overrides (null fields keep the configured value) and the addresses blocked now. */
    @RegisterForReflection
    private record Overrides(String[] ipAllowlist, String[] ipBlocklist, Integer rateLimit, Integer rateWindowSeconds,
                             Integer priceMaxAgeSeconds, String[] blocked) {
    }

    private final Pool pool;
    private final Map<String, List<IpSubnetFilterRule>> configuredAllowlists = new HashMap<>();
    private final ClientIpPolicy ips;
    private final InstanceCache<String, Overrides> cache;

    public SourcePolicies(Pool pool, SourcePolicyConfig config, ClientIpPolicy ips) {
        this.pool = pool;
        this.ips = ips;
        config.ipAllowlist().forEach((source, ranges) -> configuredAllowlists.put(source, IpRanges.parseAll(ranges)));
        this.cache = new InstanceCache<>(config.cacheTtl());
    }

    /**
     * The policy of {@code source} ({@code ccpayment}, {@code price-feed}, {@code analytics} or an inbound source's id),
     * after refusing the call with WEBHOOK_008 when its client address is not allowed.
     */
    public Uni<SourcePolicy> admit(String source, long defaultRateLimit, Duration defaultRateWindow, HttpServerRequest request) {
        return overrides(source)
                .map(o -> new SourcePolicy(source, allowlist(source, o),
                        o.ipBlocklist() != null ? IpRanges.parseAll(Arrays.asList(o.ipBlocklist())) : List.of(),
                        Set.of(o.blocked()),
                        o.rateLimit() != null ? o.rateLimit() : defaultRateLimit,
                        o.rateWindowSeconds() != null ? Duration.ofSeconds(o.rateWindowSeconds()) : defaultRateWindow,
                        Optional.ofNullable(o.priceMaxAgeSeconds()).map(Duration::ofSeconds)))
                .invoke(policy -> ips.check(policy, request));
    }

    /** Whether {@code client} is on the source's allowlist (an empty list names nobody). */
    public Uni<Boolean> allowlisted(String source, InetAddress client) {
        return overrides(source).map(o -> IpRanges.anyMatches(allowlist(source, o), client));
    }

    /** Reads every source's policy again on its next call: an address was just blocked. */
    public void forgetAll() {
        cache.clear();
    }

    private List<IpSubnetFilterRule> allowlist(String source, Overrides o) {
        return o.ipAllowlist() != null ? IpRanges.parseAll(Arrays.asList(o.ipAllowlist())) : configuredAllowlists.getOrDefault(source, List.of());
    }

    private Uni<Overrides> overrides(String source) {
        return cache.get(source, this::load);
    }

    private Uni<Overrides> load(String source) {
        return pool.preparedQuery("""
                        select p.ip_allowlist, p.ip_blocklist, p.rate_limit, p.rate_window_seconds, p.price_max_age_seconds,
                               array(select distinct b.client_ip from inbound_block b
                                     where b.source in (s.source, $2) and b.lifted_at is null and b.expires_at > now()) as blocked
                        from (select $1::text as source) s left join source_policy p on p.source = s.source""")
                .execute(Tuple.of(source, BUILT_IN.contains(source) ? source : REGISTERED_SOURCES))
                .map(SourcePolicies::overrides);
    }

    private static Overrides overrides(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new Overrides(row.getArrayOfStrings("ip_allowlist"), row.getArrayOfStrings("ip_blocklist"), row.getInteger("rate_limit"),
                row.getInteger("rate_window_seconds"), row.getInteger("price_max_age_seconds"), row.getArrayOfStrings("blocked"));
    }
}
