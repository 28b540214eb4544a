package io.hookgate.core.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON boundary refuses what nothing behind it can hold, on every way a document reaches the mapper. */
class StrictJsonTest {

    private final ObjectMapper json = mapper();

    @KnownFieldsOnly
    record Documented(String name, Integer count) {
    }

    record Tolerant(String name) {
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":\"x\\u0000y\"}",                  // NUL in a value
            "{\"a\\u0000\":1}",                        // NUL in a field name
            "[\"\\u0000\"]",
            "{\"a\":1e301}", "{\"a\":1E-20000}", "{\"a\":-2.5e+999999999}",
            "{\"a\":1} {\"b\":2}", "{\"a\":1} x",    // trailing content
            "{\"a\":1,\"a\":2}",                       // duplicate field
            "{\"a\":12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901}",
    })
    void refusesOnEveryInputPath(String document) {
        assertThrows(JsonProcessingException.class, () -> json.readTree(document));
        assertThrows(JsonProcessingException.class, () -> json.readTree(document.getBytes(StandardCharsets.UTF_8)));
        assertThrows(JsonProcessingException.class, () -> json.readTree(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))));
        assertThrows(JsonProcessingException.class, () -> json.readTree(new StringReader(document)));
        assertThrows(JsonProcessingException.class, () -> json.readValue(document, Map.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":\"x\\\\u0000y\"}",                 // an escaped backslash, then the text u0000: no NUL
            "{\"a\":\"\\u0001\\u0010\\u0100\"}",
            "{\"a\":\"\\u1000\",\"b\":\"e5\"}",
            "{\"a\":1e300,\"b\":-1.5E-300,\"c\":true,\"d\":false}",
            "{\"a\":[true,false,null],\"e\":5}",
    })
    void acceptsWhatIsMerelyUnusual(String document) throws Exception {
        JsonNode fromText = json.readTree(document);
        JsonNode fromStream = json.readTree(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        assertEquals(fromText, fromStream);
    }

    @Test
    void nestingBeyondTheLimitIsRefusedAndWithinItRead() throws Exception {
        String within = "[".repeat(InputLimits.MAX_DEPTH) + "]".repeat(InputLimits.MAX_DEPTH);
        assertEquals(1, depth(json.readTree(within)) - InputLimits.MAX_DEPTH + 1);
        String beyond = "[".repeat(InputLimits.MAX_DEPTH + 1) + "]".repeat(InputLimits.MAX_DEPTH + 1);
        assertThrows(JsonProcessingException.class, () -> json.readTree(beyond));
    }

    @Test
    void aDocumentedBodyNamesItsUnknownFieldAndAProviderPayloadIgnoresIt() throws Exception {
        UnrecognizedPropertyException refused = assertThrows(UnrecognizedPropertyException.class,
                () -> json.readValue("{\"name\":\"a\",\"colour\":\"red\"}", Documented.class));
        assertEquals("colour", refused.getPropertyName());
        assertEquals("a", json.readValue("{\"name\":\"a\",\"count\":2}", Documented.class).name());
        assertEquals("a", json.readValue("{\"name\":\"a\",\"colour\":\"red\"}", Tolerant.class).name());
    }

    @Test
    void booleansAndDecimalsAreNotTurnedIntoStringsOrIntegers() {
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"name\":true}", Tolerant.class));
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"name\":123.0}", Tolerant.class));
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"count\":1.5}", Documented.class));
        assertThrows(JsonProcessingException.class, () -> json.readValue("{\"name\":{}}", Tolerant.class));
    }

    @Test
    void refusalsSayWhereTheyAre() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> json.readTree("{\"ab\":\"\\u0000\"}"));
        assertTrue(e.getOriginalMessage().contains("NUL"), e.getOriginalMessage());
    }

    private static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    private static ObjectMapper mapper() {
        // as Quarkus builds it: unknown fields are ignored unless the boundary says otherwise
        ObjectMapper mapper = new ObjectMapper().disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return StrictJson.configure(mapper);
    }
}
