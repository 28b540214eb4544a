package io.hookgate.event;

import java.util.ArrayList;
import java.util.List;

/**
 * What a committed transaction has to announce: the events it appended. Handed to {@link EventJournal#announce} once
 * the commit is done; empty for a call that changed nothing (a duplicate).
 */
public record Announcement(List<Appended> events) {

    public static final Announcement NONE = new Announcement(List.of());

    public static Announcement of(Appended... events) {
        return new Announcement(List.of(events));
    }

    public Announcement and(Announcement other) {
        List<Appended> all = new ArrayList<>(events);
        all.addAll(other.events);
        return new Announcement(List.copyOf(all));
    }
}
