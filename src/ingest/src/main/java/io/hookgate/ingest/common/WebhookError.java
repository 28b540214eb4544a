package io.hookgate.ingest.common;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The inbound error codes of seed 000, with the HTTP status each maps to. */
@RegisterForReflection
public enum WebhookError {
    WEBHOOK_001(401, "Invalid signature"),
    WEBHOOK_002(401, "Request too old"),
    WEBHOOK_003(400, "Unknown event"),
    WEBHOOK_004(422, "Processing failed"),
    WEBHOOK_005(429, "Rate limit exceeded"),
    WEBHOOK_006(504, "Timeout error"),
    WEBHOOK_007(400, "Invalid payload"),
    WEBHOOK_008(403, "Unauthorized source");

    private final int status;
    private final String message;

    WebhookError(int status, String message) {
        this.status = status;
        this.message = message;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }
}
