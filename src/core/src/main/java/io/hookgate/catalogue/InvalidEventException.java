package io.hookgate.catalogue;

import java.util.List;

/** An event that cannot be emitted: its type is unknown or its payload violates the type's schema. */
public class InvalidEventException extends RuntimeException {

    private final String type;
    private final List<String> violations;

    public InvalidEventException(String type, List<String> violations) {
        super("event " + type + " refused: " + String.join("; ", violations));
        this.type = type;
        this.violations = List.copyOf(violations);
    }

    public String type() {
        return type;
    }

    public List<String> violations() {
        return violations;
    }
}
