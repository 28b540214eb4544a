package io.hookgate.ingest.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Appends analytics events: a whole batch in one statement, so it is stored entirely or not at all. */
@ApplicationScoped
public class AnalyticsStore {

    private final Pool pool;
    private final ObjectMapper json;

    public AnalyticsStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** How many rows were appended. */
    Uni<Integer> append(String source, String requestId, List<AnalyticsEvent> events) {
        ArrayNode rows = json.createArrayNode();
        for (AnalyticsEvent event : events) {
            var row = rows.addObject().put("source", source).put("event", event.event()).put("user_id", event.userId())
                    .put("occurred_at", event.occurredAt().toString()).put("request_id", requestId);
            row.set("properties", event.properties() == null ? json.createObjectNode() : event.properties());
            row.set("context", event.context() == null ? json.createObjectNode() : event.context());
        }
        return pool.preparedQuery("""
                        insert into analytics_event (source, event, user_id, properties, context, occurred_at, request_id)
                        select source, event, user_id, properties, context, occurred_at, request_id
                        from jsonb_to_recordset($1::text::jsonb) as r(source text, event text, user_id text, properties jsonb,
                                                               context jsonb, occurred_at timestamptz, request_id text)""")
                .execute(Tuple.of(write(rows)))
                .map(result -> result.rowCount());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
