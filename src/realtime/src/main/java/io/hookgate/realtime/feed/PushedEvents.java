package io.hookgate.realtime.feed;

import java.util.LinkedHashMap;
import java.util.Map;

/** The ids of the events this instance pushed most recently, so one arriving twice is pushed once. */
final class PushedEvents {

    private final Map<String, Boolean> recent;

    PushedEvents(int capacity) {
        this.recent = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether an id was pushed (among the last {@code capacity}), without marking it. */
    synchronized boolean seen(String id) {
        return recent.containsKey(id);
    }

    /** True the first time an id is seen (among the last {@code capacity}). */
    synchronized boolean firstTime(String id) {
        return recent.putIfAbsent(id, Boolean.TRUE) == null;
    }
}
