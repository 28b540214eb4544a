package io.hookgate.admin.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.hookgate.core.input.UnstorableValue;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Maps every failure of the admin API to {@code application/problem+json}; a 500 never carries a stack trace. */
public class ProblemMapper {

    public static final String PROBLEM_JSON = "application/problem+json";
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, ContainerRequestContext request) {
        return problem(e.status(), e.code(), e.getMessage(), e.errors(), request);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, ContainerRequestContext request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return problem(422, "validation_failed", "The request has invalid fields", errors, request);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e, ContainerRequestContext request) {
        return problem(400, "invalid_json", "The body is not valid JSON for this operation: " + e.getOriginalMessage(), List.of(), request);
    }

    /** A field the body's documentation does not name (a typo, or a field of another API): 422 naming it. */
    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, ContainerRequestContext request) {
        return api(unknownFieldProblem(e), request);
    }

    /** The 422 {@code unknown_field} naming the field by its path ({@code retryPolicy.colour}) and the known ones. */
    public static ApiException unknownFieldProblem(UnrecognizedPropertyException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(java.util.stream.Collectors.joining(".")).replace(".[", "[");
        String known = e.getKnownPropertyIds() == null ? "" : "; known fields: " + e.getKnownPropertyIds().stream()
                .map(Object::toString).sorted().collect(java.util.stream.Collectors.joining(", "));
        return new ApiException(422, "unknown_field", "The body has a field this operation does not know",
                List.of(new Problem.FieldError(field, "unknown field" + known)));
    }

    /** Wrong JSON types (a string for a number, an unknown enum value); declared so that Jackson's own mapper does not answer. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, ContainerRequestContext request) {
        return unreadable(e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ContainerRequestContext request) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, request);
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json, request);
        }
        String code = switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406, 415 -> "unsupported_media_type";
            default -> "bad_request";
        };
        return problem(status, code, e.getMessage(), List.of(), request);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, ContainerRequestContext request) {
        if (io.hookgate.core.DatabaseOutage.causedBy(e)) {
            LOG.warnf("admin request failed while the database is unavailable: %s", e.toString());
            return Response.fromResponse(problem(503, "service_unavailable",
                    "The database is unavailable for a moment; nothing was changed, retry shortly", List.of(), request))
                    .header("Retry-After", "5").build();
        }
        String unstorable = UnstorableValue.reason(e);
        if (unstorable != null) {
            LOG.warnf("admin request refused by the database: %s", unstorable);
            return problem(422, "value_out_of_range", "A value cannot be stored as given (" + unstorable + "); nothing was changed",
                    List.of(), request);
        }
        LOG.error("admin request failed", e);
        return problem(500, "internal_error", "Something went wrong on our side; the request id identifies it in our logs", List.of(), request);
    }

    public static Response problem(int status, String code, String detail, List<Problem.FieldError> errors, ContainerRequestContext request) {
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        if (status == 422) {
            title = "Unprocessable Content";
        }
        Problem body = new Problem("https://hookgate.io/problems/" + code, title, status, detail, code, RequestIdFilter.of(request), errors);
        if (Problem.seed000Route(request.getUriInfo().getPath())) {
            body = body.inSeed000Shape();
        }
        return Response.status(status).type(PROBLEM_JSON).entity(body).build();
    }

    /** Turns {@code create.request.url} into {@code url}, and a query parameter's {@code list.active} into {@code active}. */
    private static String field(String path) {
        String[] parts = path.split("\\.");
        return parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts.length == 2 ? parts[1] : path;
    }
}
