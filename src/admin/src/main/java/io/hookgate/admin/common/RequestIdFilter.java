package io.hookgate.admin.common;

import io.hookgate.core.Ids;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Gives every admin request an id, in the logs' MDC and in the {@code X-Request-Id} response header. */
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    static final String PROPERTY = "hookgate.requestId";

    @ServerRequestFilter(preMatching = true, priority = 1)
    public void assign(ContainerRequestContext request) {
        String id = Ids.next("req");
        request.setProperty(PROPERTY, id);
        MDC.put("requestId", id);
    }

    @ServerResponseFilter
    public void echo(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id.toString());
        }
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id == null ? null : id.toString();
    }
}
