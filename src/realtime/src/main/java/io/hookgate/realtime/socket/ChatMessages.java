package io.hookgate.realtime.socket;

import io.hookgate.core.Ids;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Set;

/**
 * Chat events a client sends to a room it joined ({@code new_message}, {@code user_typing}, …): committed to the events
 * table as realtime events of that room, then NOTIFYed, so every instance pushes them to the room's other members
 * (and a reconnecting member can resume them). The sender's user id is set by the server, never taken from the client.
 */
@ApplicationScoped
public class ChatMessages {

    /** Seed 000's chat events, which clients send to rooms. */
    static final Set<String> TYPES = Set.of("new_message", "message_updated", "message_deleted", "user_joined", "user_left", "user_typing");

    /** Seed 000's admin events: only the broadcast API sends them. */
    static final Set<String> ADMIN_ONLY = Set.of("system_announcement", "user_moderated");

    private static final Logger LOG = Logger.getLogger(ChatMessages.class);
    private static final int MAX_DATA_BYTES = 16_384;

    private final Pool pool;
    private final EventJournal journal;

    public ChatMessages(Pool pool, EventJournal journal) {
        this.pool = pool;
        this.journal = journal;
    }

    /** Answers at once with {@code sent {id}}, or an error frame; the event follows through the feed. */
    String send(ClientSession session, String type, JsonObject message) {
        String room = message.getString("room");
        if (room == null || !session.rooms.contains(room)) {
            return ServerMessage.error("forbidden", "Join the room first: subscribe with filters.room");
        }
        JsonObject data = message.getJsonObject("data", new JsonObject()).copy()
                .put("userId", session.userId).put("room", room);
        if (data.encode().length() > MAX_DATA_BYTES) {
            return ServerMessage.error("invalid_message", "data is larger than " + MAX_DATA_BYTES + " bytes");
        }
        String id = Ids.next("evt");
        journal.append(pool, id, NewEvent.toRoom(type, ClientSession.SOURCE_PREFIX + session.userId, data.encode(), room, null))
                .chain(appended -> journal.announce(Announcement.of(appended)))
                .subscribe().with(ok -> { }, e -> {
                    LOG.warnf(e, "chat event from %s to %s not stored", session.userId, room);
                    session.connection.sendText(ServerMessage.error("send_failed", "The message was not stored; send it again"))
                            .subscribe().with(sent -> { }, ignored -> { });
                });
        return ServerMessage.of("sent", new JsonObject().put("id", id).put("type", type).put("room", room));
    }
}
