package io.hookgate.endpoint;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How an endpoint receives events: a signed JSON webhook, or a message on a notification channel. Every channel
 * shares the delivery queue, retries, circuit breaker and attempt log; only the request that is sent differs.
 */
@RegisterForReflection
public enum Channel {
    WEBHOOK, DISCORD, SLACK, TELEGRAM, EMAIL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> of(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName().equals(wireName)).findFirst();
    }
}
