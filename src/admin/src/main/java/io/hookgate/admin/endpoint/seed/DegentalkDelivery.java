package io.hookgate.admin.endpoint.seed;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.hookgate.admin.delivery.DeliveryView;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * A delivery as seed 000's delivery log shows it: status in lower case (pending, failed while retries remain,
 * success, retry_exhausted), the last answer's code and time, the error and when the next retry is due.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DegentalkDelivery(String id, String event, String status, Integer responseCode, Integer responseTime, String error,
                                int attempts, OffsetDateTime nextRetry, OffsetDateTime timestamp) {

    static DegentalkDelivery of(DeliveryView view, String event) {
        var last = view.attemptLog().isEmpty() ? null : view.attemptLog().getLast();
        return new DegentalkDelivery(view.id(), event, view.status().toLowerCase(Locale.ROOT), last == null ? view.lastStatusCode() : last.responseStatus(),
                last == null ? null : last.durationMs(), view.lastError(), view.attempts(), view.nextRetry(), view.createdAt());
    }
}
