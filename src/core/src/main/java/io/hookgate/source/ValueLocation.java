package io.hookgate.source;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.function.Function;

/**
 * Where a value of an inbound call is: {@code header:<Name>} for a request header, otherwise a JSON pointer
 * ({@code /type}, {@code /data/object/id}) into the body. Only text and number values count.
 */
public sealed interface ValueLocation {

    String HEADER_PREFIX = "header:";

    /** The value in a call, if present. */
    Optional<String> find(JsonNode body, Function<String, String> headers);

    record Header(String name) implements ValueLocation {
        @Override
        public Optional<String> find(JsonNode body, Function<String, String> headers) {
            return Optional.ofNullable(headers.apply(name)).map(String::trim).filter(v -> !v.isEmpty());
        }

        @Override
        public String toString() {
            return HEADER_PREFIX + name;
        }
    }

    record Pointer(JsonPointer pointer) implements ValueLocation {
        @Override
        public Optional<String> find(JsonNode body, Function<String, String> headers) {
            JsonNode value = body.at(pointer);
            return value.isTextual() || value.isNumber() ? Optional.of(value.asText()).filter(v -> !v.isBlank()) : Optional.empty();
        }

        @Override
        public String toString() {
            return pointer.toString();
        }
    }

    /** Parses {@code header:X-Name} or {@code /json/pointer}; anything else is an {@link IllegalArgumentException}. */
    static ValueLocation parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty: use a JSON pointer such as /id or header:<Name>");
        }
        if (text.startsWith(HEADER_PREFIX)) {
            String name = text.substring(HEADER_PREFIX.length()).trim();
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}")) {
                throw new IllegalArgumentException("not a header name: " + name);
            }
            return new Header(name);
        }
        if (!text.startsWith("/")) {
            throw new IllegalArgumentException("use a JSON pointer such as /id or header:<Name>, not " + text);
        }
        return new Pointer(JsonPointer.compile(text));
    }
}
