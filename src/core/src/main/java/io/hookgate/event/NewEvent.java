package io.hookgate.event;

import java.util.List;

/**
 * An event to append to the {@link EventJournal}: what happened ({@code type}, JSON {@code payload}), whose it is, and
 * how it is announced: to webhook endpoints (an outbox row, fanned out after the commit) and/or to realtime clients.
 */
public record NewEvent(String tenantId, String type, String source, String payload, String userId, String room,
                       List<String> targetEndpointIds, boolean webhook, boolean realtime) {

    /** A webhook event for the tenant's endpoints subscribed to its type. */
    public static NewEvent webhook(String tenantId, String type, String source, String payload) {
        return new NewEvent(tenantId, type, source, payload, null, null, null, true, false);
    }

    /** A webhook event for these endpoints only (an admin's send through channels). */
    public static NewEvent toEndpoints(String tenantId, String type, String source, String payload, List<String> endpointIds) {
        return new NewEvent(tenantId, type, source, payload, null, null, List.copyOf(endpointIds), true, false);
    }

    /** A test send's event: kept for the delivery log, delivered by the caller's own delivery row (no outbox row). */
    public static NewEvent testSend(String tenantId, String type, String source, String payload, String endpointId) {
        return new NewEvent(tenantId, type, source, payload, null, null, List.of(endpointId), false, false);
    }

    /** A realtime event for one user's WebSocket clients. */
    public static NewEvent toUser(String tenantId, String type, String source, String payload, String userId) {
        return new NewEvent(tenantId, type, source, payload, userId, null, null, false, true);
    }

    /** A realtime event for a room's members and/or one user (a broadcast or a chat message); no tenant. */
    public static NewEvent toRoom(String type, String source, String payload, String room, String userId) {
        return new NewEvent(null, type, source, payload, userId, room, null, false, true);
    }
}
