package io.hookgate.auth;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A bearer API key, stored as a SHA-256 hash with a displayable prefix. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "tenant_id")
    public String tenantId;
    public String name;
    public String role;
    public String prefix;
    @Column(name = "key_hash")
    public String keyHash;
    @Column(name = "created_at", updatable = false)
    public OffsetDateTime createdAt;
    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    /** Set on a rotated key: it keeps working until then. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    public boolean isAdmin() {
        return "admin".equals(role);
    }
}
