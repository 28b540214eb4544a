package io.hookgate.endpoint;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.OffsetDateTime;

/**
 * A tenant's registered receiver of outbound webhooks, with its encrypted signing secret. Updates write only the columns
 * that changed ({@code @DynamicUpdate}): the admin's edits and the delivery function's attempts write the same rows, and
 * an edit made from a row read before an attempt must not write the attempt's failure counters and circuit back.
 */
@Entity
@Table(name = "endpoint")
@DynamicUpdate
public class Endpoint extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    public String name;
    public String url;
    public String description;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] events;
    @JdbcTypeCode(SqlTypes.JSON)
    public String filters = "{}";
    public boolean active = true;
    @Column(name = "disabled_reason")
    public String disabledReason;
    @Column(name = "timeout_ms")
    public int timeoutMs = 10_000;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "retry_policy")
    public String retryPolicy;
    /** The custom headers as the API shows them: credential values replaced by {@link CustomHeaders#SET}. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String headers = "{}";
    /** Every custom header with its value, sealed by SecretCipher; null on rows not sealed yet (then {@link #headers} is whole). */
    @Column(name = "headers_ciphertext")
    public String headersCiphertext;
    @Column(name = "rate_limit_per_minute")
    public int rateLimitPerMinute = 100;
    @Column(name = "rate_limit_burst")
    public int rateLimitBurst = 250;
    /** {@link Channel#wireName()}. */
    public String channel = "webhook";
    /** {@link DeliveryProfile#wireName()}: the envelope and signature headers of a webhook channel. */
    public String profile = "standard";
    /** Channel settings that are not secret: a Telegram chat id and parse mode, for example. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "channel_config")
    public String channelConfig = "{}";
    /** A channel credential such as a Telegram bot token, encrypted like the signing secret. */
    @Column(name = "channel_token_ciphertext")
    public String channelTokenCiphertext;
    @Column(name = "secret_ciphertext")
    public String secretCiphertext;
    @Column(name = "previous_secret_ciphertext")
    public String previousSecretCiphertext;
    @Column(name = "previous_secret_expires_at")
    public OffsetDateTime previousSecretExpiresAt;
    @Column(name = "consecutive_failures")
    public int consecutiveFailures;
    @Column(name = "circuit_opened_at")
    public OffsetDateTime circuitOpenedAt;
    @Column(name = "failing_since")
    public OffsetDateTime failingSince;
    @Column(name = "consecutive_failed_deliveries")
    public int consecutiveFailedDeliveries;
    /** When its attempts started taking longer than the slow threshold; null while it answers promptly. */
    @Column(name = "slow_since")
    public OffsetDateTime slowSince;

    /**
     * The rate (deliveries per minute) adaptive limiting lowered this endpoint to; null: {@link #rateLimitPerMinute}.
     * Only the delivery function writes it (and {@link #throttledUntil}).
     */
    @Column(name = "adaptive_rate", insertable = false, updatable = false)
    public Double adaptiveRate;

    /** The destinations its organisation forbids (tenant_outbound_policy), as the delivery function's claim read them. */
    @jakarta.persistence.Transient
    public String[] blockedDestinations;

    /** Nothing is sent to it before this (its last 429 or 503's Retry-After). */
    @Column(name = "throttled_until", insertable = false, updatable = false)
    public OffsetDateTime throttledUntil;

    @Column(name = "disabled_at")
    public OffsetDateTime disabledAt;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Column(name = "deleted_at")
    public OffsetDateTime deletedAt;

    public Channel channelType() {
        return Channel.of(channel).orElse(Channel.WEBHOOK);
    }

    public DeliveryProfile deliveryProfile() {
        return DeliveryProfile.of(profile).orElse(DeliveryProfile.STANDARD);
    }
}
