package io.hookgate.core.input;

import java.util.List;
import java.util.Map;

/**
 * The boundary for text that arrives outside a JSON body: decoded path and query parameters. A control character
 * (NUL above all: PostgreSQL refuses it in any text) has no business in either, so every route refuses it up front.
 */
public final class RequestText {

    private RequestText() {
    }

    /** What is wrong with the decoded path or query, naming the parameter; null when both are clean. */
    public static String refusal(String path, Map<String, List<String>> query) {
        if (hasControlCharacter(path)) {
            return "the path contains a control character such as NUL (%00)";
        }
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (hasControlCharacter(parameter.getKey()) || parameter.getValue().stream().anyMatch(RequestText::hasControlCharacter)) {
                return "query parameter '" + printable(parameter.getKey()) + "' contains a control character such as NUL (%00)";
            }
        }
        return null;
    }

    public static boolean hasControlCharacter(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String text) {
        return text.chars().mapToObj(c -> c < 0x20 || c == 0x7F ? "?" : String.valueOf((char) c)).reduce("", String::concat);
    }
}
