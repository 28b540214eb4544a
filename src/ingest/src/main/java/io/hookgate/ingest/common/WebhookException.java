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

    public WebhookError error() {
        return error;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
