package io.hookgate.admin.realtime;

import io.hookgate.admin.common.ApiException;
import io.hookgate.core.Ids;
import io.hookgate.event.Event;
import io.hookgate.event.RealtimeNotifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes an admin's realtime event: committed to the events table (so reconnecting clients can resume it), then
 * NOTIFYed after the commit to every realtime instance. Realtime events belong to no organisation's webhooks: they are
 * never fanned out to endpoints.
 */
@ApplicationScoped
public class BroadcastService {

    /** Seed 000's server-sent event names, except the handshake's. */
    static final String TYPES = "new_message|message_updated|message_deleted|user_joined|user_left|user_typing|balance_update"
            + "|transaction_update|thread_created|post_created|like_added|xp_awarded|level_up|achievement_unlocked|user_moderated"
            + "|system_announcement";

    private final Pool pool;
    private final RealtimeNotifier notifier;

    public BroadcastService(Pool pool, RealtimeNotifier notifier) {
        this.pool = pool;
        this.notifier = notifier;
    }

    public Uni<Event> publish(BroadcastRequest request) {
        if (!request.data().isObject()) {
            throw ApiException.invalid("data", "must be a JSON object");
        }
        Event event = new Event();
        event.id = Ids.next("evt");
        event.tenantId = null;
        event.type = request.type();
        event.payload = request.data().toString();
        event.source = "admin";
        event.room = request.room();
        event.userId = request.userId();
        event.realtime = true;
        return pool.preparedQuery("""
                        insert into event (id, type, payload, source, room, user_id, realtime)
                        values ($1, $2, $3::text::jsonb, $4, $5, $6, true) returning seq""")
                .execute(Tuple.from(new Object[] {event.id, event.type, event.payload, event.source, event.room, event.userId}))
                .invoke(rows -> event.seq = rows.iterator().next().getLong("seq"))
                .call(() -> notifier.notify(event))
                .replaceWith(event);
    }
}
