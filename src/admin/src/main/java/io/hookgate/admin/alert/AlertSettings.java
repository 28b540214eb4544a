package io.hookgate.admin.alert;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.time.OffsetDateTime;

/** An organisation's thresholds for {@code endpoint.degraded} / {@code endpoint.recovered}. */
public final class AlertSettings {

    private AlertSettings() {
    }

    /** What a PUT sets: every field replaced, a null one returns to the default. */
    @RegisterForReflection
    public record Request(@DecimalMin("0.0") @DecimalMax("1.0") Double minSuccessRate,
                          @Min(1) @Max(600_000) Integer maxP95ResponseTime,
                          @Min(1) @Max(100_000) Integer minAttempts) {
    }

    /** The thresholds in force (the organisation's or the default), the defaults, and the window they are measured over. */
    @RegisterForReflection
    public record View(String orgId, double minSuccessRate, int maxP95ResponseTime, int minAttempts, long windowSeconds,
                       Defaults defaults, OffsetDateTime updatedAt) {
    }

    @RegisterForReflection
    public record Defaults(double minSuccessRate, int maxP95ResponseTime, int minAttempts) {
    }
}
