package io.hookgate.event;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads events by id. */
@ApplicationScoped
@WithSession
public class EventRepository implements PanacheRepositoryBase<Event, String> {
}
