package io.hookgate.ingest.source;

import io.hookgate.source.ValueLocation;
import io.hookgate.source.VerificationScheme;

import java.util.Set;

/** An enabled inbound source as a call is checked against it, its secret decrypted. */
record RegisteredSource(String id, String tenantId, String name, VerificationScheme scheme, String secret,
                        String signatureHeader, String signaturePrefix, long timestampToleranceSeconds,
                        ValueLocation eventTypeFrom, ValueLocation dedupeIdFrom, Set<String> acceptedEvents) {

    /** {@code source.<name>.}: the prefix of the event types this source's calls become. */
    String eventTypePrefixOf() {
        return "source." + name + ".";
    }

    /**
     * Whether the call's unique id is outside what its signature covers: a header under a scheme that signs only the
     * body (GitHub's X-GitHub-Delivery, a custom HMAC's header). A captured call could then be replayed under a new id;
     * such sources also deduplicate on the body's digest. Standard Webhooks signs its webhook-id, Stripe its body.
     */
    boolean idOutsideSignature() {
        return dedupeIdFrom instanceof io.hookgate.source.ValueLocation.Header && scheme != VerificationScheme.STANDARD_WEBHOOKS;
    }

    @Override
    public String toString() {
        return "RegisteredSource[" + id + ", " + name + ", " + scheme.wireName() + "]";
    }
}
