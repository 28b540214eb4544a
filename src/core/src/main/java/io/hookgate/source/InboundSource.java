package io.hookgate.source;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/**
 * A provider an admin registered to send webhooks to {@code /api/webhook/sources/{id}}: how its calls are verified
 * ({@link VerificationScheme} and the encrypted secret), where each call's event type and unique id are, and which
 * tenant receives its events.
 */
@Entity
@Table(name = "inbound_source")
public class InboundSource extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    public String name;
    public String description;
    /** {@link VerificationScheme#wireName()}. */
    public String scheme;
    @Column(name = "secret_ciphertext")
    public String secretCiphertext;
    @Column(name = "signature_header")
    public String signatureHeader;
    @Column(name = "signature_prefix")
    public String signaturePrefix;
    @Column(name = "timestamp_tolerance_seconds")
    public int timestampToleranceSeconds = 300;
    /** {@link ValueLocation} syntax: a JSON pointer ({@code /type}) or {@code header:<Name>}. */
    @Column(name = "event_type_from")
    public String eventTypeFrom;
    @Column(name = "dedupe_id_from")
    public String dedupeIdFrom;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "accepted_events")
    public String[] acceptedEvents;
    public boolean enabled = true;
    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** The prefix of the Hookgate event types this source's calls become: {@code source.<name>.}. */
    public String eventTypePrefix() {
        return "source." + name + ".";
    }
}
