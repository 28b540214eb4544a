package io.hookgate.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route the admin function serves, found by reading its resource classes, is in the served OpenAPI document
 * with a summary, and the bearer security scheme is declared.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class OpenApiCoverageTest {

    static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "get", POST.class, "post", PUT.class, "put",
            PATCH.class, "patch", DELETE.class, "delete");

    record Route(String verb, String path, String where) {
    }

    @Test
    void everyRouteIsDocumentedWithASummary() throws Exception {
        JsonNode openapi = new ObjectMapper().readTree(given().accept("application/json").get("/q/openapi?format=json").asString());
        List<Route> routes = routes();
        assertTrue(routes.size() > 40, "found the resource classes: " + routes.size() + " routes");
        List<String> missing = new ArrayList<>();
        for (Route route : routes) {
            JsonNode operation = openapi.path("paths").path(route.path()).path(route.verb());
            if (operation.isMissingNode()) {
                missing.add(route.verb().toUpperCase() + " " + route.path() + " (" + route.where() + ") is not in the document");
            } else if (operation.path("summary").asText("").isBlank()) {
                missing.add(route.verb().toUpperCase() + " " + route.path() + " has no summary");
            } else {
                missing.addAll(responseProblems(route, operation.path("responses")));
            }
        }
        assertEquals(List.of(), missing);
        // The main write operations carry a request example, and each example is a valid request (checked by posting it
        // in the endpoint test); Swagger UI is served outside dev mode too.
        for (String path : List.of("/api/v1/webhooks", "/api/v1/events", "/api/v1/sources", "/api/v1/api-keys")) {
            assertFalse(openapi.path("paths").path(path).path("post").path("requestBody").path("content").path("application/json")
                    .path("examples").isEmpty(), path + " has a request example");
        }
        given().get("/q/swagger-ui/").then().statusCode(200);
        assertFalse(openapi.path("components").path("securitySchemes").isEmpty(), "the bearer key scheme is declared");
    }

    /** The document as a client generator reads it: no error or warning from swagger-parser, every schema resolved. */
    @Test
    void theDocumentParsesCleanlyForClientGenerators() {
        String document = given().accept("application/json").get("/q/openapi?format=json").asString();
        var options = new io.swagger.v3.parser.core.models.ParseOptions();
        options.setResolve(true);
        var result = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(document, null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages());
        var openapi = result.getOpenAPI();
        assertTrue(openapi.getComponents().getSchemas().containsKey("Problem"));
        assertTrue(openapi.getComponents().getSchemas().containsKey("EndpointView"));
        var created = openapi.getPaths().get("/api/v1/webhooks").getPost().getResponses().get("201");
        assertEquals("#/components/schemas/EndpointView", created.getContent().get("application/json").getSchema().get$ref());
    }

    /**
     * What a generated client needs to read an answer: a 2xx response, with a JSON schema unless it is a 204, and the
     * problem document for errors.
     */
    static List<String> responseProblems(Route route, JsonNode responses) {
        List<String> problems = new ArrayList<>();
        String name = route.verb().toUpperCase() + " " + route.path();
        List<String> codes = new ArrayList<>();
        responses.fieldNames().forEachRemaining(codes::add);
        List<String> success = codes.stream().filter(code -> code.startsWith("2")).toList();
        if (success.isEmpty()) {
            problems.add(name + " documents no 2xx answer: " + codes);
        }
        for (String code : success) {
            JsonNode schema = responses.path(code).path("content").path("application/json").path("schema");
            if (!code.equals("204") && schema.isMissingNode()) {
                problems.add(name + " answers " + code + " without a schema");
            }
        }
        JsonNode error = responses.path("4XX").path("content").path("application/problem+json").path("schema");
        if (!error.path("$ref").asText("").endsWith("/Problem")) {
            problems.add(name + " does not document its error answers as a Problem: " + responses.path("4XX"));
        }
        return problems;
    }

    /** The routes of every {@code @Path} class of the admin function, as OpenAPI writes their paths. */
    static List<Route> routes() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<Route> routes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(classes.resolve("io/hookgate/admin"))) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OpenApiCoverageTest.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (var verb : VERBS.entrySet()) {
                        if (method.isAnnotationPresent(verb.getKey())) {
                            Path sub = method.getAnnotation(Path.class);
                            String path = (base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                            assertTrue(method.isAnnotationPresent(Operation.class), type.getSimpleName() + "." + method.getName() + " has no @Operation");
                            routes.add(new Route(verb.getValue(), path, type.getSimpleName() + "." + method.getName()));
                        }
                    }
                }
            }
        }
        return routes;
    }
}
