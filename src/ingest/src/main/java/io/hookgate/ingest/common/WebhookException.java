package io.hookgate.ingest.common;

/** A refusal of an inbound webhook, answered with seed 000's error envelope. */
public class WebhookException extends RuntimeException {

    private final WebhookError error;
    private final Integer retryAfterSeconds;

    public WebhookException(WebhookError error, String detail) {
        this(error, detail, null);
    }

    public WebhookException(WebhookError error, String detail, Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
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
}
