package io.hookgate.delivery;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/** One HTTP call of a delivery: what was sent (signature redacted) and what came back. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "delivery_id")
    public String deliveryId;
    /** The delivery's endpoint, kept on the attempt so statistics read attempts by endpoint and time alone. */
    @Column(name = "endpoint_id")
    public String endpointId;
    @Column(name = "attempt_number")
    public int attemptNumber;
    public String trigger;
    @Column(name = "started_at")
    public OffsetDateTime startedAt;
    @Column(name = "duration_ms")
    public int durationMs;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "request_headers")
    public String requestHeaders;
    @Column(name = "response_status")
    public Integer responseStatus;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "response_headers")
    public String responseHeaders;
    @Column(name = "response_body")
    public String responseBody;
    public String error;
    /** The attempt's OpenTelemetry trace id (the inbound request's trace), or null when tracing was off. */
    @Column(name = "trace_id")
    public String traceId;
    /** Why the attempt failed, as a category (docs/api.md); null for a success. */
    @Column(name = "error_category")
    public String errorCategory;
}
