package io.hookgate.admin.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.List;

/** A delivery with its full attempt log, newest deliveries first in lists; {@code test} marks a test send. */
@RegisterForReflection
public record DeliveryView(String id, String eventId, String event, String endpointId, String status, int attempts,
                           OffsetDateTime nextRetry, Integer lastStatusCode, String lastError, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt, boolean test, List<AttemptView> attemptLog) {

    /**
     * One HTTP attempt; signature headers are redacted and the response body is cut at 4 KB. {@code traceId} finds the
     * attempt in the tracing backend (the trace starts at the inbound request); null when tracing is off.
     */
    @RegisterForReflection
    public record AttemptView(int attemptNumber, String trigger, OffsetDateTime startedAt, int durationMs, JsonNode requestHeaders,
                              Integer responseStatus, JsonNode responseHeaders, String responseBody, String error, String errorCategory,
                              String traceId) {
    }
}
