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

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every inbound call's first step: the source's policy (the admin's {@code source_policy} row over configuration,
 * cached per instance for {@code hookgate.ingest.policy.cache-ttl}) and the client-address check against it.
 */
@ApplicationScoped
public class SourcePolicies {

    /** An admin's overrides; null fields keep the configured value. */
    @RegisterForReflection
    private record Overrides(String[] ipAllowlist, Integer rateLimit, Integer rateWindowSeconds, Integer priceMaxAgeSeconds) {
        static final Overrides NONE = new Overrides(null, null, null, null);
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
                .map(o -> new SourcePolicy(source,
                        o.ipAllowlist() != null ? IpRanges.parseAll(Arrays.asList(o.ipAllowlist())) : configuredAllowlists.getOrDefault(source, List.of()),
                        o.rateLimit() != null ? o.rateLimit() : defaultRateLimit,
                        o.rateWindowSeconds() != null ? Duration.ofSeconds(o.rateWindowSeconds()) : defaultRateWindow,
                        Optional.ofNullable(o.priceMaxAgeSeconds()).map(Duration::ofSeconds)))
                .invoke(policy -> ips.check(policy, request));
    }

    private Uni<Overrides> overrides(String source) {
        return cache.get(source, this::load);
    }

    private Uni<Overrides> load(String source) {
        return pool.preparedQuery("""
                        select ip_allowlist, rate_limit, rate_window_seconds, price_max_age_seconds
                        from source_policy where source = $1""")
                .execute(Tuple.of(source))
                .map(SourcePolicies::overrides);
    }

    private static Overrides overrides(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Overrides.NONE;
        }
        Row row = rows.iterator().next();
        return new Overrides(row.getArrayOfStrings("ip_allowlist"), row.getInteger("rate_limit"),
                row.getInteger("rate_window_seconds"), row.getInteger("price_max_age_seconds"));
    }
}
