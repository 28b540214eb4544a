package io.hookgate.ingest.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Seed 000's error body: {@code {success, error, message, retryAfter, requestId}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record ErrorEnvelope(boolean success, String error, String message, Integer retryAfter, String requestId) {
}
