package io.hookgate.admin.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * An RFC 9457 problem document with a stable {@code code}, the field errors and the request id. On seed 000's routes
 * it also carries seed 000's error fields, {@code success: false}, {@code error} (the code) and {@code message}, so a
 * client that checks {@code success} reads it as written.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, String requestId, List<FieldError> errors,
                      Boolean success, String error, String message) {

    public Problem(String type, String title, int status, String detail, String code, String requestId, List<FieldError> errors) {
        this(type, title, status, detail, code, requestId, errors, null, null, null);
    }

    /** The same problem with seed 000's {@code {success: false, error, message}} beside it. */
    public Problem inSeed000Shape() {
        return new Problem(type, title, status, detail, code, requestId, errors, false, code, detail);
    }

    /** Seed 000's routes: its admin webhooks and its admin sends. */
    public static boolean seed000Route(String path) {
        return path.startsWith("/api/admin/") || path.startsWith("/api/webhook/");
    }

    /** One invalid field and what to fix. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
