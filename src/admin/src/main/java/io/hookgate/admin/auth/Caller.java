package io.hookgate.admin.auth;

import io.hookgate.admin.common.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;

/** Who made an admin request: an admin key sees every organisation, a tenant key only its own. */
public record Caller(String keyId, String tenantId, boolean admin) {

    public static final String PROPERTY = "hookgate.caller";

    public static Caller of(ContainerRequestContext request) {
        return (Caller) request.getProperty(PROPERTY);
    }

    /** The organisation a new resource belongs to: a tenant's own, or the one an admin names (default org_default). */
    public String owningTenant(String requested) {
        if (!admin) {
            if (requested != null && !requested.equals(tenantId)) {
                throw ApiException.invalid("orgId", "a tenant key can only create resources in its own organisation");
            }
            return tenantId;
        }
        return requested == null ? "org_default" : requested;
    }

    /**
     * This caller, when it holds an admin key; otherwise a 403 {@code admin_only} saying what only admins may do
     * ("may broadcast realtime events").
     */
    public Caller requireAdmin(String what) {
        if (!admin) {
            throw new ApiException(403, "admin_only", "Only an admin key " + what);
        }
        return this;
    }

    /** The organisation a per-organisation setting is read or set for: a tenant key's own; an admin key must name one. */
    public String settingsTenant(String orgId) {
        if (admin && orgId == null) {
            throw ApiException.invalid("orgId", "an admin key names the organisation whose settings it reads or sets");
        }
        return owningTenant(orgId);
    }

    /**
     * The organisation a list (or a bulk action over one) is restricted to: a tenant key's own (naming another is a 422
     * on {@code orgId}), or for an admin key {@code orgId}, null meaning every organisation.
     */
    public String listedTenant(String orgId) {
        if (!admin && orgId != null && !orgId.equals(tenantId)) {
            throw ApiException.invalid("orgId", "a tenant key sees its own organisation only");
        }
        return admin ? orgId : tenantId;
    }

    /** The tenant a read is restricted to, or null for an admin who sees all. */
    public String visibleTenant() {
        return admin ? null : tenantId;
    }
}
