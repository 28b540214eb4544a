package io.hookgate.admin.common;

import java.util.List;

/** A client error of the admin API, answered as a problem document. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<Problem.FieldError> errors;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    public ApiException(int status, String code, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = errors;
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(404, "not_found", "No " + what + " with id " + id);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(422, "validation_failed", "The request has invalid fields", List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
