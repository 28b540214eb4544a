package io.hookgate.ingest.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every failure of an inbound route into seed 000's envelope; nothing leaks a stack trace. */
public class WebhookExceptionMapper {

    private static final Logger LOG = Logger.getLogger(WebhookExceptionMapper.class);

    private final SecurityAudit audit;

    public WebhookExceptionMapper(SecurityAudit audit) {
        this.audit = audit;
    }

    /** Answers the refusal; security refusals are first written to the audit log. */
    @ServerExceptionMapper
    public Uni<Response> refused(WebhookException e, HttpServerRequest request) {
        LOG.infof("refused %s: %s", e.error(), e.getMessage());
        String requestId = RequestId.current();
        return audit.record(e, request, requestId).map(ignored -> envelope(e.error(), e.getMessage(), e.retryAfterSeconds(), requestId));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        return envelope(WebhookError.WEBHOOK_007, "Body is not valid JSON: " + e.getOriginalMessage(), null);
    }

    /** Wrong JSON types; declared so that Jackson's own mapper does not answer outside the envelope. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return envelope(WebhookError.WEBHOOK_007, "A field has the wrong type: " + e.getOriginalMessage(), null);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException wae && wae.getResponse().getStatus() < 500) {
            return envelope(WebhookError.WEBHOOK_007, wae.getMessage(), null);
        }
        if (io.hookgate.core.DatabaseOutage.causedBy(e)) {
            // Nothing was committed; the provider's retry finds the database back (its receipt makes it exactly once).
            LOG.warnf("inbound webhook refused while the database is unavailable: %s", e.toString());
            return envelope(WebhookError.WEBHOOK_006, "the service is unavailable for a moment, retry shortly", 5);
        }
        String unstorable = io.hookgate.core.input.UnstorableValue.reason(e);
        if (unstorable != null) {
            // a value the route's checks let through but no column holds: refused, and the transaction rolled back
            LOG.warnf("inbound webhook refused by the database: %s", unstorable);
            return envelope(WebhookError.WEBHOOK_007, "a value cannot be stored as given (" + unstorable + ")", null);
        }
        LOG.error("inbound webhook failed", e);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorEnvelope(false, WebhookError.WEBHOOK_004.name(), "Processing failed; retry later", 60, RequestId.current()))
                .header(RequestId.HEADER, RequestId.current()).build();
    }

    static Response envelope(WebhookError error, String detail, Integer retryAfter) {
        return envelope(error, detail, retryAfter, RequestId.current());
    }

    static Response envelope(WebhookError error, String detail, Integer retryAfter, String requestId) {
        String message = detail == null ? error.message() : error.message() + ": " + detail;
        Response.ResponseBuilder response = Response.status(error.status()).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorEnvelope(false, error.name(), message, retryAfter, requestId))
                .header(RequestId.HEADER, requestId);
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }
}
