package io.hookgate.realtime.socket;

import io.hookgate.core.input.RequestJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import io.hookgate.realtime.feed.EventLog;
import io.hookgate.realtime.feed.FeedConfig;

import io.hookgate.realtime.RealtimeTokens;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /ws}: seed 000's protocol. The server sends {@code auth_required}; the client answers {@code {type: "auth",
 * token}} and gets {@code auth_success {userId}} or {@code auth_failed {error}}; then {@code subscribe} and
 * {@code unsubscribe}, and {@code resume {lastEventId}} after a reconnect. A malformed message gets an error frame and
 * the connection stays open.
 */
@WebSocket(path = "/ws")
public class RealtimeSocket {

    /** The longest text frame read; longer ones are answered {@code invalid_message}. */
    static final int MAX_FRAME_CHARS = 65_536;
    private static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Logger LOG = Logger.getLogger(RealtimeSocket.class);
    private static final TypeReference<java.util.Map<String, Object>> MAP = new TypeReference<>() { };

    private final SessionRegistry registry;
    private final RealtimeTokens tokens;
    private final SocketConfig config;
    private final Vertx vertx;
    private final EventLog events;
    private final FeedConfig feed;
    private final ChatMessages chat;
    private final ObjectMapper json;

    public RealtimeSocket(SessionRegistry registry, RealtimeTokens tokens, SocketConfig config, Vertx vertx, EventLog events, FeedConfig feed,
                          ChatMessages chat, @RequestJson ObjectMapper json) {
        this.json = json;
        this.chat = chat;
        this.events = events;
        this.feed = feed;
        this.registry = registry;
        this.tokens = tokens;
        this.config = config;
        this.vertx = vertx;
    }

    @OnOpen
    public String onOpen(WebSocketConnection connection) {
        ClientSession session = registry.open(connection);
        vertx.setTimer(config.authTimeout().toMillis(), id -> {
            if (!session.authenticated() && connection.isOpen()) {
                connection.sendText(ServerMessage.of("auth_failed", new JsonObject().put("error", "Authentication timed out")))
                        .chain(() -> connection.close()).subscribe().with(ok -> { }, e -> { });
            }
        });
        return ServerMessage.of("auth_required", null);
    }

    /** Each message is answered with one frame, or for {@code resume} the missed events and then {@code resumed}. */
    @OnTextMessage
    public Multi<String> onMessage(String text, WebSocketConnection connection) {
        ClientSession session = registry.get(connection.id());
        if (session == null) {
            return Multi.createFrom().empty();
        }
        session.lastSeen = System.nanoTime();
        if (text.length() > MAX_FRAME_CHARS) {
            return one(ServerMessage.error("invalid_message", "Messages are at most " + MAX_FRAME_CHARS + " characters"));
        }
        JsonObject message;
        try {
            // read once, by the request ObjectMapper: the same input boundary as every HTTP route (StrictJson)
            JsonNode tree = json.readTree(text);
            if (!tree.isObject()) {
                return one(ServerMessage.error("invalid_message", "Messages are JSON objects with a type"));
            }
            message = new JsonObject(json.convertValue(tree, MAP));
        } catch (JsonProcessingException e) {
            return one(ServerMessage.error("invalid_message", "The message is not valid JSON: " + e.getOriginalMessage()));
        }
        try {
            if ("resume".equals(message.getValue("type")) && session.authenticated()) {
                return resume(session, message.getValue("lastEventId"));
            }
            String answer = handle(session, message);
            return answer == null ? Multi.createFrom().empty() : one(answer);
        } catch (ClassCastException | IllegalArgumentException e) {
            return one(ServerMessage.error("invalid_message", "A field has the wrong type or value: " + e.getMessage()));
        } catch (RuntimeException e) {
            // an answer, never a dropped connection: the client keeps its socket and can send again
            LOG.errorf(e, "realtime message from %s failed", session.userId);
            return one(ServerMessage.error("server_error", "The message could not be handled; try again"));
        }
    }

    private static Multi<String> one(String frame) {
        return Multi.createFrom().item(frame);
    }

    private String handle(ClientSession session, JsonObject message) {
        Object typeValue = message.getValue("type");
        if (!(typeValue instanceof String type) || type.isEmpty()) {
            return ServerMessage.error("invalid_message", "Messages are JSON objects with a string type, such as {\"type\":\"ping\"}");
        }
        if ("auth".equals(type)) {
            return authenticate(session, message.getString("token"));
        }
        if (!session.authenticated()) {
            return ServerMessage.error("unauthenticated", "Send {\"type\":\"auth\",\"token\":…} first");
        }
        return switch (type) {
            case "subscribe" -> subscribe(session, message);
            case "unsubscribe" -> {
                events(message).forEach(session.events::remove);
                yield ServerMessage.of("unsubscribed", new JsonObject().put("events", new JsonArray(session.events.stream().sorted().toList())));
            }
            case "ping" -> ServerMessage.of("pong", null);
            default -> ChatMessages.TYPES.contains(type) ? chat(session, type, message)
                    : ChatMessages.ADMIN_ONLY.contains(type) ? ServerMessage.error("forbidden", type + " is sent by admins, through POST /api/v1/realtime/broadcast")
                    : ServerMessage.error("unknown_type", "Unknown message type " + type);
        };
    }

    /**
     * Replays, in order, the events the client missed since {@code lastEventId} that its subscriptions and address
     * select, then answers {@code resumed {count, lastEventId}}. Beyond the retention window, or with an unknown id,
     * the answer is the error {@code resume_unavailable}: the client reloads its state instead. Live pushes continue
     * meanwhile, so a client deduplicates by event id.
     */
    private Multi<String> resume(ClientSession session, Object lastEventIdValue) {
        if (!(lastEventIdValue instanceof String lastEventId) || !EVENT_ID.matcher(lastEventId).matches()) {
            return one(ServerMessage.error("invalid_message", "resume needs lastEventId, the id of the last event received (evt_…)"));
        }
        return events.after(lastEventId, feed.resumeRetention(), feed.resumeMax()).onItem().transformToMulti(missed -> {
            if (missed.isEmpty() || missed.get().size() >= feed.resumeMax()) {
                return one(ServerMessage.error("resume_unavailable", "Event " + lastEventId + " is unknown, older than "
                        + feed.resumeRetention().toHours() + " hours, or too far behind; reload the current state"));
            }
            List<String> frames = new ArrayList<>();
            missed.get().stream().filter(event -> session.wants(event.type(), event.userId(), event.room(), event.source()))
                    .forEach(event -> frames.add(ServerMessage.event(event)));
            String last = missed.get().isEmpty() ? lastEventId : missed.get().getLast().id();
            frames.add(ServerMessage.of("resumed", new JsonObject().put("count", frames.size()).put("lastEventId", last)));
            return Multi.createFrom().iterable(frames);
        }).onFailure().recoverWithItem(ServerMessage.error("resume_failed", "Could not read missed events; try again"));
    }

    /** The client's answer to the server's pings: a sign of life. */
    @OnPongMessage
    public void onPong(Buffer data, WebSocketConnection connection) {
        ClientSession session = registry.get(connection.id());
        if (session != null) {
            session.lastSeen = System.nanoTime();
        }
    }

    private String authenticate(ClientSession session, String token) {
        return tokens.verify(token).map(subject -> {
            if (!subject.userId().equals(session.userId) && registry.atConnectionLimit(subject.userId())) {
                // Answer first, then close: the refusal must reach the client before the close frame.
                session.connection.sendText(ServerMessage.of("auth_failed", new JsonObject().put("error", "Too many connections: a user may have "
                                + config.maxConnectionsPerUser() + " at once")))
                        .chain(() -> session.connection.close(new io.quarkus.websockets.next.CloseReason(1008, "too many connections")))
                        .subscribe().with(ok -> { }, e -> { });
                return null;
            }
            if (!subject.userId().equals(session.userId)) {
                // another user on the same socket starts clean: nothing the previous user joined or subscribed stays
                session.rooms.clear();
                session.events.clear();
            }
            session.userId = subject.userId();
            session.admin = subject.admin();
            session.allowedRooms.clear();
            session.allowedRooms.addAll(config.publicRooms());
            session.allowedRooms.addAll(subject.rooms());
            session.rooms.retainAll(session.allowedRooms);
            session.expiresAt = subject.expiresAt();
            closeWhenExpired(session, subject.expiresAt());
            return ServerMessage.of("auth_success", new JsonObject().put("userId", numericIfPossible(subject.userId())));
        }).orElseGet(() -> ServerMessage.of("auth_failed", new JsonObject().put("error", "Invalid token")));
    }

    private String subscribe(ClientSession session, JsonObject message) {
        JsonObject filters = message.getJsonObject("filters", new JsonObject());
        Object userFilter = filters.getValue("userId");
        if (userFilter != null && !userFilter.toString().equals(session.userId)) {
            return ServerMessage.error("forbidden", "A client can only subscribe to its own user's events");
        }
        List<String> rooms = rooms(filters.getValue("room"));
        List<String> refused = rooms.stream().filter(room -> !session.allowedRooms.contains(room)).toList();
        if (!refused.isEmpty()) {
            return ServerMessage.error("forbidden", "Not a member of room " + String.join(", ", refused)
                    + ": public rooms and those the token grants may be joined");
        }
        session.rooms.addAll(rooms);
        session.events.addAll(events(message));
        return ServerMessage.of("subscribed", new JsonObject()
                .put("events", new JsonArray(session.events.stream().sorted().toList()))
                .put("filters", new JsonObject().put("rooms", new JsonArray(session.rooms.stream().sorted().toList()))
                        .put("userId", numericIfPossible(session.userId))));
    }

    /** A room filter: one name or a list of names. */
    private static List<String> rooms(Object filter) {
        if (filter == null) {
            return List.of();
        }
        List<?> names = filter instanceof JsonArray array ? array.getList() : List.of(filter);
        if (names.size() > 50 || names.stream().anyMatch(room -> !(room instanceof String name) || !ROOM.matcher(name).matches())) {
            throw new IllegalArgumentException("filters.room is a room name (lower-case letters, digits, _ and -) or a list of at most 50");
        }
        return names.stream().map(String.class::cast).toList();
    }

    /** A chat message, within the connection's chat rate. */
    private String chat(ClientSession session, String type, JsonObject message) {
        if (!session.takeChatSlot(1_000_000_000L / Math.max(1, config.chatPerSecond()), config.chatBurst())) {
            return ServerMessage.error("rate_limited", "At most " + config.chatPerSecond() + " chat messages a second (bursts of "
                    + config.chatBurst() + "); this one was not sent");
        }
        return chat.send(session, type, message);
    }

    /** At the token's expiry the connection is told and closed, unless a fresh {@code auth} moved the expiry on. */
    private void closeWhenExpired(ClientSession session, java.time.Instant expiresAt) {
        long delay = Math.max(1, java.time.Duration.between(java.time.Instant.now(), expiresAt).toMillis());
        vertx.setTimer(Math.min(delay, Integer.MAX_VALUE), id -> {
            if (session.expiresAt.equals(expiresAt) && session.connection.isOpen()) {
                session.connection.sendText(ServerMessage.of("auth_expired", new JsonObject().put("error",
                                "The token expired; connect again with a fresh one")))
                        .chain(() -> session.connection.close(new io.quarkus.websockets.next.CloseReason(1008, "token expired")))
                        .subscribe().with(ok -> { }, e -> { });
            }
        });
    }

    private static java.util.List<String> events(JsonObject message) {
        JsonArray events = message.getJsonArray("events", new JsonArray());
        if (events.size() > 200) {
            throw new IllegalArgumentException("events lists at most 200 types");
        }
        return events.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    private static Object numericIfPossible(String userId) {
        return userId != null && userId.matches("\\d{1,18}") ? Long.parseLong(userId) : userId;
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        registry.close(connection.id());
    }
}
