package io.hookgate.admin.realtime;

import io.hookgate.admin.common.ApiException;
import io.hookgate.event.Announcement;
import io.hookgate.event.Appended;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
    private final EventJournal journal;

    public BroadcastService(Pool pool, EventJournal journal) {
        this.pool = pool;
        this.journal = journal;
    }

    public Uni<Appended> publish(BroadcastRequest request) {
        if (!request.data().isObject()) {
            throw ApiException.invalid("data", "must be a JSON object");
        }
        NewEvent event = NewEvent.toRoom(request.type(), "admin", request.data().toString(), request.room(), request.userId());
        return journal.append(pool, event).call(appended -> journal.announce(Announcement.of(appended)));
    }
}
