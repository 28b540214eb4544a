package io.hookgate.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Stripe-style prefixed ids ({@code ep_…}, {@code evt_…}) that sort by creation time, for stable cursor pagination. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next(String prefix) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return prefix + "_" + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(random);
    }
}
