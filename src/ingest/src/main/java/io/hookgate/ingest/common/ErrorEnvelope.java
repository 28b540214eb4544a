package io.hookgate.ingest.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Seed 000's error body: {@code {success, error, message, retryAfter, requestId}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorEnvelope(boolean success, String error, String message, Integer retryAfter, String requestId) {
}
