package io.hookgate.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every event example printed in seeds 000–004 (copied into seed-examples.json with where each is printed) is accepted
 * by the catalogue under the name the seed uses, so a producer written against any seed can emit it unchanged.
 */
class SeedExamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EventCatalogue CATALOGUE = new EventCatalogue(JSON);

    static List<JsonNode> examples() throws Exception {
        try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seed-examples.json")) {
            List<JsonNode> all = new ArrayList<>();
            JSON.readTree(in).forEach(all::add);
            return all;
        }
    }

    @TestFactory
    Stream<DynamicTest> everySeedExampleIsAcceptedUnderItsName() throws Exception {
        return examples().stream().map(example -> DynamicTest.dynamicTest(
                "seed " + example.get("seed").asText() + " " + example.get("where").asText(), () -> {
                    String name = example.get("event").asText();
                    EventType type = CATALOGUE.resolve(name).orElseThrow(() -> new AssertionError("the catalogue has no type " + name));
                    assertEquals(List.of(), CATALOGUE.violations(type, example.get("data")), name + " " + example.get("data"));
                }));
    }

    @Test
    void theExamplesCoverEverySeedAndTheSchemasStillRefuseOtherShapes() throws Exception {
        assertEquals(List.of("000", "001", "002", "003", "004"), examples().stream().map(e -> e.get("seed").asText()).distinct().sorted().toList());
        // the control: the same schemas refuse a payload that fits no seed's variant
        EventType order = CATALOGUE.resolve("order.created").orElseThrow();
        assertFalse(CATALOGUE.violations(order, JSON.readTree("{\"orderId\":\"ord_1\",\"total\":true}")).isEmpty());
        EventType user = CATALOGUE.resolve("user.created").orElseThrow();
        assertFalse(CATALOGUE.violations(user, JSON.readTree("{\"name\":\"nobody\"}")).isEmpty());
        EventType alert = CATALOGUE.resolve("alert.triggered").orElseThrow();
        assertFalse(CATALOGUE.violations(alert, JSON.readTree("{\"condition\":\"ABOVE\"}")).isEmpty());
        assertTrue(CATALOGUE.resolve("investment.made").isPresent(), "seed 004 subscribes to investment.made");
    }
}
