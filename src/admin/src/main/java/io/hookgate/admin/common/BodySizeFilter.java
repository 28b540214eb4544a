package io.hookgate.admin.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.admin.auth.AdminConfig;
import io.hookgate.core.Ids;
import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Refuses a body declared larger than {@code hookgate.admin.max-body-bytes} before it is read, with a 413 problem
 * (every admin body is small). It runs ahead of the REST layer, which would otherwise answer a bare 413 only at
 * Quarkus' own, larger limit.
 */
@ApplicationScoped
public class BodySizeFilter {

    void register(@Observes Filters filters, AdminConfig config, ObjectMapper json) {
        filters.register(rc -> {
            String declared = rc.request().getHeader("Content-Length");
            long length;
            try {
                length = declared == null ? -1 : Long.parseLong(declared.trim());
            } catch (NumberFormatException e) {
                length = -1;   // Vert.x has answered a malformed Content-Length before this runs
            }
            if (length <= config.maxBodyBytes()) {
                rc.next();
                return;
            }
            String requestId = Ids.next("req");
            Problem problem = new Problem("https://hookgate.io/problems/payload_too_large", "Content Too Large", 413,
                    "The body is " + length + " bytes; admin bodies are at most " + config.maxBodyBytes() + " bytes",
                    "payload_too_large", requestId, List.of());
            try {
                rc.response().setStatusCode(413).putHeader("Content-Type", ProblemMapper.PROBLEM_JSON)
                        .putHeader(RequestIdFilter.HEADER, requestId).putHeader("Connection", "close")
                        .end(json.writeValueAsString(problem));
            } catch (JsonProcessingException e) {
                rc.fail(e);
            }
        }, 100);
    }
}
