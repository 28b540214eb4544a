package io.hookgate.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One event on its way to one endpoint, across all of its attempts. */
@Entity
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    @Column(name = "event_id")
    public String eventId;
    @Column(name = "endpoint_id")
    public String endpointId;
    @Enumerated(EnumType.STRING)
    public DeliveryStatus status = DeliveryStatus.PENDING;
    @Column(name = "attempt_count")
    public int attemptCount;
    /** When the next retry of a FAILED delivery is planned (what the API shows). */
    @Column(name = "next_retry_at")
    public OffsetDateTime nextRetryAt;
    /** When the delivery may next be attempted; null once it needs nothing more. The schedule's source of truth. */
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    /** When the doorbell rung for it is expected; null when none is outstanding (the reconciler then rings). */
    @Column(name = "doorbell_at")
    public OffsetDateTime doorbellAt;
    /** The claim of the attempt in progress, and until when it holds. */
    @Column(name = "lease_id")
    public String leaseId;
    @Column(name = "lease_until")
    public OffsetDateTime leaseUntil;
    /** A send slot reserved in the endpoint's rate limit, spent by the next attempt. */
    @Column(name = "rate_slot_at")
    public OffsetDateTime rateSlotAt;
    @Column(name = "last_status_code")
    public Integer lastStatusCode;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    /** A test send: one attempt, no retries, no effect on the endpoint's health. */
    public boolean test;

    /** Nothing more to attempt: it succeeded, its retries are spent, or it is a test that has had its attempt. */
    public boolean isFinished() {
        return status == DeliveryStatus.SUCCESS || status == DeliveryStatus.RETRY_EXHAUSTED || (test && attemptCount > 0);
    }
}
