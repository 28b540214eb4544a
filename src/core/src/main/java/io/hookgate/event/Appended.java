package io.hookgate.event;

/** An event the journal has written, in a transaction that may not have committed yet: its id and seq. */
public record Appended(String id, long seq, NewEvent event) {
}
