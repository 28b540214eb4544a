package io.hookgate.admin.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** An RFC 9457 problem document with a stable {@code code}, the field errors and the request id. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, String requestId, List<FieldError> errors) {

    /** One invalid field and what to fix. */
    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
