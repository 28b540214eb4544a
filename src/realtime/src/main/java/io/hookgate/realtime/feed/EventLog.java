package io.hookgate.realtime.feed;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads realtime events back from the events table: one by id, the recent ones, or those after a client's last. */
@ApplicationScoped
public class EventLog {

    private static final String COLUMNS = "seq, id, type, user_id, room, payload, source";

    private final Pool pool;

    public EventLog(Pool pool) {
        this.pool = pool;
    }

    public Uni<Optional<RealtimeEvent>> byId(String id) {
        return pool.preparedQuery("select " + COLUMNS + " from event where id = $1 and realtime").execute(Tuple.of(id))
                .map(rows -> events(rows).stream().findFirst());
    }

    /** The ids of the realtime events committed within the last {@code window}, oldest first: a light read. */
    public Uni<List<String>> recentIds(Duration window) {
        return pool.preparedQuery("select id from event where realtime and created_at > now() - make_interval(secs => $1) order by seq")
                .execute(Tuple.of((double) window.toMillis() / 1000))
                .map(rows -> {
                    List<String> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getString("id")));
                    return ids;
                });
    }

    /** These events, oldest first. */
    public Uni<List<RealtimeEvent>> byIds(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("select " + COLUMNS + " from event where id = any($1) and realtime order by seq")
                .execute(Tuple.of(ids.toArray(String[]::new)))
                .map(EventLog::events);
    }

    /**
     * Up to {@code limit} realtime events after the one with id {@code lastEventId}, oldest first; empty when that
     * event is unknown or older than {@code retention}.
     */
    public Uni<Optional<List<RealtimeEvent>>> after(String lastEventId, Duration retention, int limit) {
        return pool.preparedQuery("""
                        select %s from event
                        where realtime and seq > (select seq from event where id = $1 and created_at > now() - make_interval(secs => $2))
                          and created_at > now() - make_interval(secs => $2)
                        order by seq limit $3""".formatted(COLUMNS))
                .execute(Tuple.of(lastEventId, (double) retention.toSeconds(), limit))
                .chain(rows -> rows.size() > 0 ? Uni.createFrom().item(Optional.of(events(rows)))
                        : pool.preparedQuery("select 1 from event where id = $1 and created_at > now() - make_interval(secs => $2)")
                                .execute(Tuple.of(lastEventId, (double) retention.toSeconds()))
                                .map(found -> found.size() > 0 ? Optional.of(List.<RealtimeEvent>of()) : Optional.empty()));
    }

    private static List<RealtimeEvent> events(RowSet<Row> rows) {
        List<RealtimeEvent> events = new ArrayList<>();
        for (Row row : rows) {
            Object payload = row.getValue("payload");
            events.add(new RealtimeEvent(row.getLong("seq"), row.getString("id"), row.getString("type"), row.getString("user_id"),
                    row.getString("room"), payload instanceof JsonObject json ? json : new JsonObject(), row.getString("source")));
        }
        return events;
    }
}
