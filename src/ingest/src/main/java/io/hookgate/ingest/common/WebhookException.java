package io.hookgate.ingest.common;

/** A refusal of an inbound webhook, answered with seed 000's error envelope. */
public class WebhookException extends RuntimeException {

    private final WebhookError error;
    private final Integer retryAfterSeconds;
    private final String auditKind;

    public WebhookException(WebhookError error, String detail) {
        this(error, detail, null);
    }

    public WebhookException(WebhookError error, String detail, Integer retryAfterSeconds) {
        this(error, detail, retryAfterSeconds, null);
    }

    /** {@code auditKind} names the security event when it is not the one the code implies (see {@link SecurityAudit}). */
    public WebhookException(WebhookError error, String detail, Integer retryAfterSeconds, String auditKind) {
        super(detail, null, false, false);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
        this.auditKind = auditKind;
    }

    /** Refuses an empty body or one larger than {@code maxBytes} with WEBHOOK_007. */
    public static void requireBodySize(byte[] body, int maxBytes) {
        if (body == null || body.length == 0 || body.length > maxBytes) {
            throw new WebhookException(WebhookError.WEBHOOK_007, "body must be 1 to " + maxBytes + " bytes");
        }
    }

    public WebhookError error() {
        return error;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public String auditKind() {
        return auditKind;
    }
}
