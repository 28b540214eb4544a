package io.hookgate.admin.common;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;

import java.util.List;

/**
 * Documents every operation's error answers as the {@link Problem} document (application/problem+json, a 4XX), so
 * a client generated from the OpenAPI document reads errors as well as answers. Registered with
 * {@code mp.openapi.filter}; the {@code Problem} schema is written here because no operation returns it.
 */
public class ProblemResponses implements OASFilter {

    static final String REF = "#/components/schemas/Problem";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null && operation.getResponses().getAPIResponse("4XX") == null) {
            operation.getResponses().addAPIResponse("4XX", OASFactory.createAPIResponse()
                    .description("A problem document with a stable code, the field errors and the request id")
                    .content(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)))));
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text).addProperty("message", text);
        components.addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem document; on seed 000's routes also success (false), error and message")
                .addProperty("type", text).addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text).addProperty("code", text).addProperty("requestId", text)
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .addProperty("success", OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN))
                .addProperty("error", text).addProperty("message", text)
                .required(List.of("type", "title", "status", "code", "requestId")));
    }
}
