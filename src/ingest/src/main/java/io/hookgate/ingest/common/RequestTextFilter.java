package io.hookgate.ingest.common;

import io.hookgate.core.input.RequestText;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses a path or query parameter carrying a control character before any route sees it (WEBHOOK_007). */
public class RequestTextFilter {

    @ServerRequestFilter(preMatching = true, priority = 2)
    public Response refuseControlCharacters(ContainerRequestContext request) {
        String refusal = RequestText.refusal(request.getUriInfo().getPath(), request.getUriInfo().getQueryParameters());
        return refusal == null ? null : WebhookExceptionMapper.envelope(WebhookError.WEBHOOK_007, refusal, null);
    }
}
