package io.hookgate.ingest.common;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.function.Function;

/**
 * Values read from the database, kept per ingest instance for a time-to-live (zero: read on every call). It holds
 * values, not shared futures: a future completed by one request would run the next requests' continuations on that
 * request's Vert.x context and Hibernate session. Two requests that miss at once both read; that is all.
 */
public final class InstanceCache<K, V> {

    private final Duration ttl;
    private final Cache<K, V> values;

    public InstanceCache(Duration ttl) {
        this.ttl = ttl;
        this.values = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(10_000).build();
    }

    public Uni<V> get(K key, Function<K, Uni<V>> load) {
        V cached = values.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return load.apply(key).invoke(loaded -> {
            if (!ttl.isZero()) {
                values.put(key, loaded);
            }
        });
    }

    /** Forgets every value: the next get of each key reads again. */
    public void clear() {
        values.invalidateAll();
    }
}
