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

    private final Pool pool;
    private final ClientIpPolicy ips;

    public SecurityAudit(Pool pool, ClientIpPolicy ips) {
        this.pool = pool;
        this.ips = ips;
    }

    /** Records the refusal when its code is a security event; otherwise does nothing. */
    public Uni<Void> record(WebhookException refusal, HttpServerRequest request, String requestId) {
        String kind = refusal.auditKind() != null ? refusal.auditKind() : KINDS.get(refusal.error());
        if (kind == null) {
            return Uni.createFrom().voidItem();
        }
        InetAddress client = ips.clientOf(request);
        String source = sourceOf(request.path());
        return pool.preparedQuery("insert into security_audit (source, kind, client_ip, request_id, detail) values ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(source, kind, client == null ? null : client.getHostAddress(), requestId, refusal.getMessage()))
                .replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "security event %s of %s (request %s) could not be recorded", kind, source, requestId);
                    return null;
                });
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
