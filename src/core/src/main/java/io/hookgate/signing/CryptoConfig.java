package io.hookgate.signing;

import io.smallrye.config.ConfigMapping;

/** Keys for data encrypted at rest. */
@ConfigMapping(prefix = "hookgate.crypto")
public interface CryptoConfig {

    /** Base64 of a 32-byte AES-256 key that encrypts endpoint secrets (AES-GCM). */
    String secretKey();
}
