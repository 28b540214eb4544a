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

    @Override
    public String toString() {
        return "RegisteredSource[" + id + ", " + name + ", " + scheme.wireName() + "]";
    }
}
