package io.hookgate.ingest.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.core.Ids;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.source.IpRanges;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

/**
 * Seed 004's suspicious-activity detection. Bad signatures, stale (replayed) timestamps and calls to unknown source ids
 * are strikes against the calling address, counted per source in a window; {@link SuspiciousActivityConfig#strikes()}
 * of them block the address for that source ({@code inbound_block}, refused with WEBHOOK_008 until it expires or an
 * admin lifts it) and announce {@code security.ip_blocked}; repeated bad signatures announce
 * {@code security.signature_failures} first. A call refused by a source's address rules announces
 * {@code security.source_blocked}. Exempt and allowlisted addresses are counted and alerted on, never blocked.
 */
@ApplicationScoped
public class SuspiciousActivity {

    private static final Logger LOG = Logger.getLogger(SuspiciousActivity.class);

    /** Audit kinds that are strikes. */
    static final Set<String> STRIKES = Set.of("signature_failed", "stale_timestamp", "unknown_source");
    /** Audit kinds of calls refused by a source's address rules. */
    static final Set<String> ADDRESS_REFUSALS = Set.of("ip_blocked", "address_blocked");

    static final String COUNT = """
            insert into inbound_strike as s (source, client_ip, window_start, strikes, signature_failures)
            values ($1, $2, now(), 1, $3)
            on conflict (source, client_ip) do update set
                strikes = case when s.window_start > now() - make_interval(secs => $4) then s.strikes + 1 else 1 end,
                signature_failures = case when s.window_start > now() - make_interval(secs => $4) then s.signature_failures + $3 else $3 end,
                window_start = case when s.window_start > now() - make_interval(secs => $4) then s.window_start else now() end
            returning strikes, signature_failures, window_start""";

    /** A block, unless the address is already blocked for the source. */
    static final String BLOCK = """
            insert into inbound_block (id, source, client_ip, reason, strikes, expires_at)
            select $1, $2, $3, $4, $5, now() + make_interval(secs => $6)
            where not exists (select 1 from inbound_block
                              where source = $2 and client_ip = $3 and lifted_at is null and expires_at > now())
            returning blocked_at, expires_at""";

    private final Pool pool;
    private final SuspiciousActivityConfig config;
    private final SecurityAlerts alerts;
    private final SourcePolicies policies;
    private final EventJournal journal;
    private final ObjectMapper json;
    private final List<IpSubnetFilterRule> exempt;

    public SuspiciousActivity(Pool pool, SuspiciousActivityConfig config, SecurityAlerts alerts, SourcePolicies policies,
                              EventJournal journal, ObjectMapper json) {
        this.pool = pool;
        this.config = config;
        this.alerts = alerts;
        this.policies = policies;
        this.journal = journal;
        this.json = json;
        this.exempt = IpRanges.parseAll(config.exempt().orElse(List.of()));
    }

    /**
     * Takes note of a refusal of {@code kind} from {@code client}; {@code audited} says whether it got an audit row (a
     * flood's refusals beyond the minute's rows announce nothing). Never fails: a failure is logged.
     */
    public Uni<Void> refused(String source, String kind, InetAddress client, String requestId, boolean audited) {
        if (client == null) {
            return Uni.createFrom().voidItem();
        }
        Uni<Announcement> noted;
        if (STRIKES.contains(kind)) {
            String struck = "unknown_source".equals(kind) ? SourcePolicies.REGISTERED_SOURCES : source;
            noted = blockable(struck, client).chain(blockable -> pool.withTransaction(connection ->
                    strike(connection, struck, kind, client.getHostAddress(), requestId, blockable)));
        } else if (ADDRESS_REFUSALS.contains(kind) && audited) {
            ObjectNode data = json.createObjectNode().put("source", source).put("clientIp", client.getHostAddress())
                    .put("rule", "address_blocked".equals(kind) ? "blocked_address" : "address_rules")
                    .put("requestId", requestId).put("refusedAt", OffsetDateTime.now().toString());
            noted = pool.withTransaction(connection -> alerts.announce(connection, source, client.getHostAddress(), "security.source_blocked", data));
        } else {
            return Uni.createFrom().voidItem();
        }
        return noted.call(journal::announce)
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "suspicious activity of %s from %s (request %s) could not be counted", source, client.getHostAddress(), requestId);
                    return null;
                });
    }

    /** Never exempt, never on the source's allowlist, and blocking is on. */
    private Uni<Boolean> blockable(String source, InetAddress client) {
        if (config.strikes() <= 0 || IpRanges.anyMatches(exempt, client)) {
            return Uni.createFrom().item(false);
        }
        return policies.allowlisted(source, client).map(allowlisted -> !allowlisted);
    }

    private Uni<Announcement> strike(SqlConnection connection, String source, String kind, String address, String requestId, boolean blockable) {
        boolean signature = "signature_failed".equals(kind);
        return connection.preparedQuery(COUNT)
                .execute(Tuple.of(source, address, signature ? 1 : 0, config.window().toMillis() / 1000.0))
                .chain(rows -> {
                    Row row = rows.iterator().next();
                    int strikes = row.getInteger("strikes");
                    int failures = row.getInteger("signature_failures");
                    OffsetDateTime since = row.getOffsetDateTime("window_start");
                    Uni<Announcement> warned = Uni.createFrom().item(Announcement.NONE);
                    if (signature && failures == config.signatureAlertAt()) {
                        ObjectNode data = json.createObjectNode().put("source", source).put("clientIp", address)
                                .put("failures", failures).put("since", since.toString())
                                .put("windowSeconds", config.window().toSeconds()).put("lastRequestId", requestId)
                                .put("blocksAt", blockable ? config.strikes() : 0);
                        warned = alerts.announce(connection, source, address, "security.signature_failures", data);
                    }
                    if (!blockable || strikes < config.strikes()) {
                        return warned;
                    }
                    return warned.chain(first -> block(connection, source, address, kind, strikes).map(first::and));
                });
    }

    private Uni<Announcement> block(SqlConnection connection, String source, String address, String kind, int strikes) {
        String id = Ids.next("blk");
        String reason = strikes + " suspicious calls (the last: " + kind.replace('_', ' ') + ") within " + config.window().toMinutes() + " minutes";
        return connection.preparedQuery(BLOCK)
                .execute(Tuple.from(new Object[] {id, source, address, reason, strikes, config.blockFor().toMillis() / 1000.0}))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Announcement.NONE);
                    }
                    Row row = rows.iterator().next();
                    LOG.warnf("%s blocked for the %s route until %s: %s", address, source, row.getOffsetDateTime("expires_at"), reason);
                    policies.forgetAll();
                    ObjectNode data = json.createObjectNode().put("blockId", id).put("source", source).put("clientIp", address)
                            .put("reason", reason).put("strikes", strikes)
                            .put("blockedAt", row.getOffsetDateTime("blocked_at").toString())
                            .put("expiresAt", row.getOffsetDateTime("expires_at").toString());
                    return alerts.announce(connection, source, address, "security.ip_blocked", data);
                });
    }
}
