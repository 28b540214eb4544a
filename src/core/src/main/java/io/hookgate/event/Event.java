package io.hookgate.event;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/**
 * Something that happened: a webhook event for endpoints, or a realtime event for a user or room. Read-only here: rows
 * are written only by {@link EventJournal}.
 */
@Entity
@Immutable
@Table(name = "event")
public class Event extends PanacheEntityBase {

    @Id
    public String id;
    @Column(insertable = false, updatable = false)
    public Long seq;
    @Column(name = "tenant_id")
    public String tenantId;
    public String type;
    /**
     * The payload as JSON text. Read as text rather than decoded by the driver, so that a row stored before the payload
     * limits (a number of a thousand digits) loads like any other and fails only where it is rendered.
     */
    @ColumnTransformer(read = "cast(payload as text)", write = "cast(cast(? as text) as jsonb)")
    public String payload;
    public String source;
    @Column(name = "user_id")
    public String userId;
    public String room;
    /** Pushed to WebSocket clients (and so found again by the realtime service's reconcile and resume). */
    public boolean realtime;
    /** Set when the event goes to these endpoints only (an admin send), instead of to its type's subscribers. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_endpoint_ids")
    public String[] targetEndpointIds;
    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
    /** The W3C trace context of the request that appended it (V23); null when tracing was off. */
    @Column(name = "trace_parent")
    public String traceParent;
}
