package io.hookgate.admin.auth;

import io.hookgate.admin.common.ProblemMapper;
import io.hookgate.auth.ApiKeyHasher;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/** Authenticates {@code Authorization: Bearer <api key>} on every {@code /api/v1} route and seed 000's admin send routes. */
public class ApiKeyAuthFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeyRepository keys;

    /** Every admin route: the canonical API, seed 000's admin sends and webhooks, seeds 002's and 004's webhooks. */
    private static final List<String> PROTECTED = List.of("/api/v1", "/api/webhook/", "/api/webhooks", "/api/admin/");

    public ApiKeyAuthFilter(ApiKeyRepository keys) {
        this.keys = keys;
    }

    @ServerRequestFilter(priority = 10)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (PROTECTED.stream().noneMatch(path::startsWith)) {
            return Uni.createFrom().nullItem();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.startsWith(BEARER) || header.length() <= BEARER.length()) {
            return Uni.createFrom().item(unauthorized(request, "Send Authorization: Bearer <api key>"));
        }
        return keys.findActiveByHash(ApiKeyHasher.hash(header.substring(BEARER.length()).trim())).chain(key -> {
            if (key == null) {
                return Uni.createFrom().item(unauthorized(request, "The API key is unknown, revoked or expired"));
            }
            request.setProperty(Caller.PROPERTY, new Caller(key.id, key.tenantId, key.isAdmin()));
            return keys.touch(key).replaceWith((Response) null);
        });
    }

    private static Response unauthorized(ContainerRequestContext request, String detail) {
        Response problem = ProblemMapper.problem(401, "unauthorized", detail, List.of(), request);
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
