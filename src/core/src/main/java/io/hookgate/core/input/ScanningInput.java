package io.hookgate.core.input;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;

import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;

/** Puts a {@link JsonInputScanner} in front of every document the shared ObjectMapper parses. */
final class ScanningInput extends InputDecorator {

    @Override
    public InputStream decorate(IOContext context, InputStream in) {
        JsonInputScanner scanner = new JsonInputScanner();
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    scanner.next(b);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    scanner.scan(buffer, offset, read);
                }
                return read;
            }
        };
    }

    /** A whole document in memory is scanned at once and parsed as it is. */
    @Override
    public InputStream decorate(IOContext context, byte[] source, int offset, int length) throws IOException {
        new JsonInputScanner().scan(source, offset, length);
        return null;
    }

    @Override
    public Reader decorate(IOContext context, Reader reader) {
        JsonInputScanner scanner = new JsonInputScanner();
        return new FilterReader(reader) {
            @Override
            public int read() throws IOException {
                int c = super.read();
                if (c >= 0) {
                    scanner.next(c);
                }
                return c;
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    scanner.scan(buffer, offset, read);
                }
                return read;
            }
        };
    }
}
