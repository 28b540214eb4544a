package io.hookgate.admin.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.RequestIdFilter;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the audit log of admin actions ({@code admin_audit}): every authenticated POST, PUT, PATCH and DELETE of the
 * admin API, apart from the data-plane sends (emitting events, realtime broadcasts and tokens, seed 000's send
 * routes), with the caller's key and organisation (the changed object's, for an admin key), the route, the object id,
 * the body's fields redacted ({@link AuditRedaction}), the status, the client address and the request id. The body is
 * kept as the REST layer reads it (already in memory). Writing never changes the answer: a failure is logged.
 */
@Provider
public class AdminAuditFilter implements ReaderInterceptor {

    private static final Logger LOG = Logger.getLogger(AdminAuditFilter.class);
    static final String BODY = "hookgate.audit.body";
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final List<String> AUDITED = List.of("/api/v1/", "/api/webhooks", "/api/admin/");
    private static final Set<String> DATA_PLANE = Set.of("/api/v1/events", "/api/v1/realtime/broadcast", "/api/v1/realtime/tokens");
    private static final int MAX_BODY = 64 * 1024;

    static final String INSERT = """
            insert into admin_audit (tenant_id, key_id, admin, method, route, path, object_id, status, changes, client_ip, user_agent, request_id)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb, $10, $11, $12)""";

    private final Pool pool;
    private final ObjectMapper json;

    public AdminAuditFilter(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * Keeps the bytes of the body for the log, and hands the REST layer the same bytes, all of them (the admin API's
     * own limit, {@code hookgate.admin.max-body-bytes}, has bounded them already).
     */
    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        byte[] body = context.getInputStream().readAllBytes();
        context.setProperty(BODY, body);
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }

    @ServerResponseFilter
    public Uni<Void> record(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        String path = request.getUriInfo().getPath();
        Object caller = request.getProperty(Caller.PROPERTY);
        if (!(caller instanceof Caller who) || !CHANGES.contains(request.getMethod()) || AUDITED.stream().noneMatch(path::startsWith)
                || path.startsWith("/api/webhook/") || DATA_PLANE.contains(path)) {
            return Uni.createFrom().voidItem();
        }
        JsonNode answer = response.getStatus() < 300 && response.getEntity() != null ? tree(response.getEntity()) : null;
        Map<String, List<String>> params = request.getUriInfo().getPathParameters();
        Object[] values = {tenantOf(answer, who), who.keyId(), who.admin(), request.getMethod(), route(path, params), path,
                objectId(params, answer), response.getStatus(), changes(request.getProperty(BODY)),
                http.remoteAddress() == null ? null : http.remoteAddress().hostAddress(), request.getHeaderString("User-Agent"),
                RequestIdFilter.of(request)};
        return pool.preparedQuery(INSERT).execute(Tuple.from(values)).replaceWithVoid()
                .onFailure().recoverWithItem(e -> {
                    LOG.warnf(e, "admin action %s %s by key %s could not be written to the audit log", request.getMethod(), path, who.keyId());
                    return null;
                });
    }

    /**
     * The path with each path parameter's value replaced by its name: {@code /api/v1/webhooks/{id}}. The last segment
     * equal to a value is the parameter's (a value can also be a literal segment before it: {@code /sources/sources}).
     */
    static String route(String path, Map<String, List<String>> params) {
        String[] segments = path.split("/", -1);
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            for (String value : param.getValue()) {
                for (int i = segments.length - 1; i >= 0; i--) {
                    if (segments[i].equals(value)) {
                        segments[i] = "{" + param.getKey() + "}";
                        break;
                    }
                }
            }
        }
        return String.join("/", segments);
    }

    /** The path's object (its last parameter), else the created object's id in the answer. */
    private static String objectId(Map<String, List<String>> params, JsonNode answer) {
        for (String name : List.of("id", "webhookId", "deliveryId", "keyId", "source")) {
            if (params.containsKey(name) && !params.get(name).isEmpty()) {
                return params.get(name).getFirst();
            }
        }
        if (!params.isEmpty()) {
            return params.values().iterator().next().getFirst();
        }
        if (answer == null) {
            return null;
        }
        JsonNode id = answer.path("id").isTextual() ? answer.path("id") : answer.path("data").path("id");
        return id.isTextual() ? id.asText() : null;
    }

    /** The organisation the action touched: the answer's, else the caller's. */
    private static String tenantOf(JsonNode answer, Caller caller) {
        if (answer != null) {
            for (String field : List.of("orgId", "tenantId", "org_id")) {
                if (answer.path(field).isTextual()) {
                    return answer.path(field).asText();
                }
            }
        }
        return caller.tenantId();
    }

    private String changes(Object body) {
        if (!(body instanceof byte[] bytes) || bytes.length == 0) {
            return null;
        }
        if (bytes.length > MAX_BODY) {
            return "{\"unread\": \"the body is over 64 KiB\"}";
        }
        try {
            return json.writeValueAsString(AuditRedaction.redact(json.readTree(bytes)));
        } catch (IOException e) {
            return "{\"unread\": \"the body is not JSON (" + bytes.length + " bytes)\"}";
        }
    }

    private JsonNode tree(Object entity) {
        try {
            return json.valueToTree(entity);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
