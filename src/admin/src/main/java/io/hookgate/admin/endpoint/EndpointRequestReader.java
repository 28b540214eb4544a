package io.hookgate.admin.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.admin.common.AdminJson;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.Problem;
import io.hookgate.admin.common.ProblemMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import java.util.List;

/**
 * Reads an endpoint body, in any seed's field names ({@link EndpointFieldNames}), as a {@link CreateEndpointRequest}
 * checked by its Bean Validation rules: the one reader of every route that creates or changes an endpoint.
 */
@ApplicationScoped
public class EndpointRequestReader {

    private final AdminJson json;
    private final Validator validator;

    public EndpointRequestReader(AdminJson json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    /**
     * A whole body (creation or replacement). A field of the wrong type is a 400 {@code invalid_json} and a field no
     * seed names is a 422 {@code unknown_field}, as the problem mapper answers Jackson's exceptions.
     */
    public CreateEndpointRequest read(JsonNode body) throws JsonProcessingException {
        return read(canonical(body));
    }

    /** As {@link #read(JsonNode)}, for a body already in canonical field names. */
    public CreateEndpointRequest read(ObjectNode canonical) throws JsonProcessingException {
        return validated(json.mapper().treeToValue(canonical, CreateEndpointRequest.class));
    }

    /** A body in canonical field names, or the problem that it is not a JSON object. */
    public ObjectNode canonical(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields",
                    List.of(new Problem.FieldError("body", "is required: a JSON object of the endpoint's fields")));
        }
        if (!body.isObject()) {
            throw new ApiException(400, "invalid_json", "The body is a JSON object of the endpoint's fields");
        }
        return EndpointFieldNames.canonical((ObjectNode) body);
    }

    /** Stored settings merged with a patch: here a field of the wrong type is a 422, as the merge made the document. */
    public CreateEndpointRequest merged(ObjectNode settings) {
        try {
            return validated(json.mapper().treeToValue(settings, CreateEndpointRequest.class));
        } catch (UnrecognizedPropertyException e) {
            throw ProblemMapper.unknownFieldProblem(e);   // inside a patched object: retryPolicy.colour
        } catch (JsonProcessingException e) {
            throw new ApiException(422, "validation_failed", "A field has the wrong type: " + e.getOriginalMessage());
        }
    }

    private CreateEndpointRequest validated(CreateEndpointRequest request) {
        List<Problem.FieldError> errors = validator.validate(request).stream()
                .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        if (!errors.isEmpty()) {
            throw new ApiException(422, "validation_failed", "The request has invalid fields", errors);
        }
        return request;
    }
}
