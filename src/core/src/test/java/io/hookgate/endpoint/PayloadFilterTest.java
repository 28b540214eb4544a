package io.hookgate.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PayloadFilterTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void seedZeroFiltersMatchLevelsAndForums() throws Exception {
        JsonNode filters = json("{\"userLevel\": {\"min\": 5}, \"forums\": [\"bitcoin-discussion\", \"altcoin-discussion\"]}");
        assertTrue(PayloadFilter.matches(filters, json("{\"userLevel\": 7, \"forums\": \"bitcoin-discussion\"}")));
        assertTrue(PayloadFilter.matches(filters, json("{\"userLevel\": 5, \"forums\": [\"memes\", \"altcoin-discussion\"]}")));
        assertFalse(PayloadFilter.matches(filters, json("{\"userLevel\": 4, \"forums\": \"bitcoin-discussion\"}")));
        assertFalse(PayloadFilter.matches(filters, json("{\"userLevel\": 9, \"forums\": \"memes\"}")));
        assertFalse(PayloadFilter.matches(filters, json("{\"forums\": \"bitcoin-discussion\"}")), "a missing path never matches");
    }

    @Test
    void pathsReachIntoNestedObjectsAndScalarsCompareByValue() throws Exception {
        assertTrue(PayloadFilter.matches(json("{\"user.level\": {\"max\": 10}, \"coin\": \"ETH\"}"), json("{\"user\": {\"level\": 3}, \"coin\": \"ETH\"}")));
        assertTrue(PayloadFilter.matches(json("{\"amount\": 5}"), json("{\"amount\": \"5.00\"}")));
        assertFalse(PayloadFilter.matches(json("{\"coin\": \"ETH\"}"), json("{\"coin\": \"BTC\"}")));
        assertTrue(PayloadFilter.matches(json("{}"), json("{\"anything\": 1}")));
    }

    @Test
    void invalidFiltersAreExplainedPerField() throws Exception {
        assertEquals(0, PayloadFilter.problems(json("{\"userLevel\": {\"min\": 5, \"max\": 9}, \"forums\": [\"a\"], \"coin\": \"ETH\"}")).size());
        var problems = PayloadFilter.problems(json("{\"bad path!\": 1, \"forums\": [], \"level\": {\"min\": 9, \"max\": 1}, \"x\": {\"gt\": 1}, \"y\": null}"));
        assertEquals(5, problems.size(), problems.toString());
        assertEquals("filters.bad path!", problems.getFirst().getKey());
        assertFalse(PayloadFilter.problems(json("[1]")).isEmpty());
    }
}
