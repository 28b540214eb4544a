package io.hookgate.core;

import java.util.HexFormat;

/** Stripe-style prefixed ids ({@code ep_…}, {@code evt_…}) that sort by creation time, for stable cursor pagination. */
public final class Ids {


    private Ids() {
    }

    public static String next(String prefix) {
        byte[] random = RandomBytes.next(8);
        return prefix + "_" + String.format("%012x", System.currentTimeMillis()) + HexFormat.of().formatHex(random);
    }
}
