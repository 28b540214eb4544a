package io.hookgate.core.input;

/**
 * The limits every JSON document read by any Hookgate route or socket must fit, enforced in one place
 * ({@link StrictJson}). They are part of the API contract (docs/api.md, "Input limits"): a document beyond one is
 * refused before anything is written (admin 400 {@code invalid_json}, ingest WEBHOOK_007, socket {@code error} frame).
 */
public final class InputLimits {

    /** Levels of objects and arrays in a whole document: an event payload's 32 plus the request around it. */
    public static final int MAX_DEPTH = 40;
    /** Characters of one number literal. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Magnitude of a number's exponent: {@code 1e300} reads, {@code 1e301} and {@code 1e-20000} are refused. */
    public static final int MAX_EXPONENT = 300;
    /** Characters of one string value (1 MiB of text; bodies are smaller still, see the HTTP body limit). */
    public static final int MAX_STRING_LENGTH = 1 << 20;
    /** Characters of one field name. */
    public static final int MAX_NAME_LENGTH = 1_000;

    private InputLimits() {
    }
}
