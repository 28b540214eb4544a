package io.hookgate.admin.endpoint;

import io.hookgate.admin.auth.Caller;
import io.hookgate.admin.common.ApiException;
import io.hookgate.admin.common.TimeRange;
import io.hookgate.admin.stats.StatsService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An endpoint's deliveries and attempts in hourly or daily buckets (UTC), for the canonical route and seed 004's:
 * the window is {@code start}/{@code end} (ISO-8601 times or dates) or seed 004's {@code start_date}/{@code end_date}
 * (dates, the end day included); by default the last 24 hours (hour) or 30 days (day); at most 1000 buckets.
 */
@ApplicationScoped
public class EndpointAnalytics {

    private final EndpointService endpoints;
    private final StatsService stats;

    public EndpointAnalytics(EndpointService endpoints, StatsService stats) {
        this.endpoints = endpoints;
        this.stats = stats;
    }

    /** The window's two ends as given, under whichever names the caller used. */
    public record Window(String start, String end, String startDate, String endDate) {
    }

    public Uni<Map<String, Object>> of(Caller caller, String id, String period, Window window) {
        boolean hourly = "hour".equals(period);
        Duration bucket = hourly ? Duration.ofHours(1) : Duration.ofDays(1);
        String startField = pick("start", window.start(), "start_date", window.startDate());
        String endField = pick("end", window.end(), "end_date", window.endDate());
        TimeRange range = TimeRange.parse(startField, window.start() != null ? window.start() : window.startDate(),
                endField, window.end() != null ? window.end() : window.endDate(),
                hourly ? Duration.ofDays(1) : Duration.ofDays(30), bucket.multipliedBy(1000));
        return endpoints.visible(caller, id)
                .chain(endpoint -> stats.buckets(endpoint, period, range.since(), range.until()))
                .map(buckets -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("endpointId", id);
                    answer.put("period", period);
                    answer.put("start", range.since());
                    answer.put("end", range.until());
                    answer.put("buckets", buckets);
                    return answer;
                });
    }

    private static String pick(String name, String value, String seedName, String seedValue) {
        if (value != null && seedValue != null) {
            throw ApiException.invalid(seedName, "means the same as " + name + "; give one of them");
        }
        return seedValue != null ? seedName : name;
    }
}
