package io.hookgate.core;

import java.security.SecureRandom;

/**
 * The one source of random bytes for ids, keys and secrets. A native image must not carry a generator seeded at
 * build time, so this class alone is initialised at run time (core's {@code quarkus.native.additional-build-args}).
 */
public final class RandomBytes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomBytes() {
    }

    public static byte[] next(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
