package io.hookgate.ingest.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.Map;

/**
 * Records the refusals that matter for security (bad signatures or keys, stale timestamps, blocked addresses, rate
 * limit hits, calls to unknown sources) with source (a built-in name or an inbound source's id), client address, time and request id, for the admin API to query. Recording never changes
 * the answer: if the write fails, the refusal is logged instead.
 */
@ApplicationScoped
public class SecurityAudit {

    private static final Logger LOG = Logger.getLogger(SecurityAudit.class);
    private static final Map<WebhookError, String> KINDS = Map.of(
            WebhookError.WEBHOOK_001, "signature_failed",
            WebhookError.WEBHOOK_002, "stale_timestamp",
            WebhookError.WEBHOOK_005, "rate_limited",
            WebhookError.WEBHOOK_008, "ip_blocked");

    private static final String SOURCES_PATH = "/api/webhook/sources/";

    /** Most subjects whose per-minute counts are kept; beyond it the counts start over (a flood of addresses). */
    private static final int MAX_SUBJECTS = 10_000;

    private final Pool pool;
    private final ClientIpPolicy ips;
    private final InboundConfig config;
    private final SuspiciousActivity suspicious;
    /** Per source, kind and client: the minute counted, rows written in it, refusals left out. */
    private final java.util.concurrent.ConcurrentHashMap<String, long[]> minutes = new java.util.concurrent.ConcurrentHashMap<>();

    public SecurityAudit(Pool pool, ClientIpPolicy ips, InboundConfig config, SuspiciousActivity suspicious) {
        this.pool = pool;
        this.suspicious = suspicious;
        this.ips = ips;
        this.config = config;
    }

    /**
     * Records the refusal when its code is a security event, and lets {@link SuspiciousActivity} count it; otherwise
     * does nothing.
     */
    public Uni<Void> record(WebhookException refusal, HttpServerRequest request, String requestId) {
        String kind = refusal.auditKind() != null ? refusal.auditKind() : KINDS.get(refusal.error());
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        InetAddress client = ips.clientOf(request);
        String source = sourceOf(request.path());
        String address = client == null ? null : client.getHostAddress();
        long leftOut = admit(source + "|" + kind + "|" + address);
        Uni<Void> noticed = suspicious.refused(source, kind, client, requestId, leftOut >= 0);
        if (leftOut < 0) {
            return noticed;
        }
        String detail = leftOut == 0 ? refusal.getMessage()
                : refusal.getMessage() + " (" + leftOut + " more like this from the same address in the previous minute were not recorded)";
        return pool.preparedQuery("insert into security_audit (source, kind, client_ip, request_id, detail) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(source, kind, address, requestId, detail))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "security event %s of %s (request %s) could not be recorded", kind, source, requestId);
                    return null;
                })
                .chain(() -> noticed);
    }

    /**
     * Whether this refusal gets a row: -1 when the subject is over its rows this minute (counted), else how many were
     * left out in the minute before, for the row to say so.
     */
    long admit(String subject) {
        if (minutes.size() > MAX_SUBJECTS) {
            minutes.clear();
        }
        long minute = System.currentTimeMillis() / 60_000;
        long[] answer = {0};
        minutes.compute(subject, (key, counts) -> {
            if (counts == null || counts[0] != minute) {
                answer[0] = counts == null ? 0 : counts[2];
                return new long[] {minute, 1, 0};
            }
            if (counts[1] < config.auditPerMinute()) {
                counts[1]++;
            } else {
                counts[2]++;
                answer[0] = -1;
            }
            return counts;
        });
        return answer[0];
    }

    /** The source a route belongs to, as the policies name it. */
    static String sourceOf(String path) {
        if (path == null) {
            return "unknown";
        }
        if (path.startsWith("/api/webhook/ccpayment/")) {
            return "ccpayment";
        }
        if (path.startsWith("/api/webhook/price-update")) {
            return "price-feed";
        }
        if (path.startsWith("/api/webhook/analytics/")) {
            return "analytics";
        }
        if (path.startsWith(SOURCES_PATH)) {
            String id = path.substring(SOURCES_PATH.length());
            return id.isEmpty() || id.length() > 100 ? "unknown" : id;
        }
        return "unknown";
    }
}
