package io.hookgate.core.input;

import com.fasterxml.jackson.core.JsonParseException;

/**
 * Reads raw JSON text as it streams past the parser and refuses the two things Jackson accepts but nothing behind it
 * can hold: the escaped NUL character (backslash-u-0000; PostgreSQL refuses it in text and jsonb) and numbers whose
 * exponent is beyond {@link InputLimits#MAX_EXPONENT} ({@code 1e999999999} parses, then every comparison or plain
 * rendering of it runs for minutes). One scanner per document; it keeps its state across chunks.
 */
final class JsonInputScanner {

    private boolean inString;
    private boolean escaping;      // the previous character was an unescaped backslash
    private int unicodeZeros = -1; // in a backslash-u escape: how many '0' digits it has so far; -1 outside one
    private int exponentState;     // 0 none, 1 after e/E, 2 after its sign, 3 in its digits
    private long exponent;
    private long offset;

    /** Scans {@code length} characters or bytes; a byte above 0x7F is never one of the characters looked for. */
    void scan(byte[] buffer, int start, int length) throws JsonParseException {
        for (int i = start; i < start + length; i++) {
            next(buffer[i]);
        }
    }

    void scan(char[] buffer, int start, int length) throws JsonParseException {
        for (int i = start; i < start + length; i++) {
            next(buffer[i]);
        }
    }

    void next(int c) throws JsonParseException {
        offset++;
        if (inString) {
            inString(c);
        } else {
            outsideString(c);
        }
    }

    private void inString(int c) throws JsonParseException {
        if (escaping) {
            escaping = false;
            unicodeZeros = c == 'u' ? 0 : -1;
            return;
        }
        if (unicodeZeros >= 0) {
            if (c == '0') {
                if (++unicodeZeros == 4) {
                    throw refused("a string contains the NUL character (\\u0000), which is never accepted");
                }
                return;
            }
            unicodeZeros = -1;
        }
        if (c == '\\') {
            escaping = true;
        } else if (c == '"') {
            inString = false;
        }
    }

    private void outsideString(int c) throws JsonParseException {
        if (exponentState > 0) {
            if (c >= '0' && c <= '9') {
                exponentState = 3;
                exponent = Math.min(exponent * 10 + (c - '0'), Integer.MAX_VALUE);
                if (exponent > InputLimits.MAX_EXPONENT) {
                    throw refused("a number has an exponent beyond ±" + InputLimits.MAX_EXPONENT);
                }
                return;
            }
            if (exponentState == 1 && (c == '+' || c == '-')) {
                exponentState = 2;
                return;
            }
            exponentState = 0;
        }
        if (c == '"') {
            inString = true;
            escaping = false;
            unicodeZeros = -1;
        } else if (c == 'e' || c == 'E') {
            // also the last letter of true and false, which a delimiter follows, never a digit
            exponentState = 1;
            exponent = 0;
        }
    }

    private JsonParseException refused(String what) {
        return new JsonParseException(null, what + " (at character " + offset + ")");
    }
}
