package io.hookgate.admin.common;

import io.hookgate.core.input.RequestText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;

/** Refuses a path or query parameter carrying a control character before any route sees it (400 {@code invalid_request}). */
public class RequestTextFilter {

    @ServerRequestFilter(preMatching = true, priority = 2)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String refusal = RequestText.refusal(request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters());
        return refusal == null ? null : ProblemMapper.problem(400, "invalid_request", "The request cannot be read: " + refusal, List.of(), request);
    }
}
