package io.hookgate.delivery.retry;

import io.hookgate.endpoint.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {

    static RetrySchedule schedule(double jitter) {
        return new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10)), jitter);
    }

    @Test
    void theDefaultScheduleRunsEightAttemptsThenStops() {
        RetrySchedule schedule = schedule(0);
        assertEquals(Duration.ofSeconds(5), schedule.nextDelay(1, null, null, false));
        assertEquals(Duration.ofHours(10), schedule.nextDelay(7, null, null, false));
        assertNull(schedule.nextDelay(8, null, null, false));
    }

    @Test
    void jitterStaysWithinTwentyPercent() {
        RetrySchedule schedule = schedule(0.2);
        for (int i = 0; i < 200; i++) {
            long millis = schedule.nextDelay(2, null, null, false).toMillis();
            assertTrue(millis >= 240_000 && millis <= 360_000, Long.toString(millis));
        }
    }

    @Test
    void retryAfterLengthensButNeverShortensAndNothingExceedsTwelveHours() {
        RetrySchedule schedule = schedule(0);
        assertEquals(Duration.ofSeconds(120), schedule.nextDelay(1, Duration.ofSeconds(120), null, false));
        assertEquals(Duration.ofMinutes(5), schedule.nextDelay(2, Duration.ofSeconds(1), null, false));
        assertEquals(Duration.ofHours(12), schedule.nextDelay(1, Duration.ofDays(3), null, false));
    }

    @Test
    void anEndpointPolicyReplacesTheSchedule() {
        RetrySchedule schedule = schedule(0);
        RetryPolicy exponential = new RetryPolicy(4, RetryPolicy.Backoff.exponential, 1000L, 2.0, 5000L);
        assertEquals(Duration.ofMillis(1000), schedule.nextDelay(1, null, exponential, false));
        assertEquals(Duration.ofMillis(2000), schedule.nextDelay(2, null, exponential, false));
        assertEquals(Duration.ofMillis(4000), schedule.nextDelay(3, null, exponential, false));
        assertNull(schedule.nextDelay(4, null, exponential, false));
        RetryPolicy linear = new RetryPolicy(10, RetryPolicy.Backoff.linear, 1000L, null, null);
        assertEquals(Duration.ofMillis(3000), schedule.nextDelay(3, null, linear, false));
        RetryPolicy fixed = new RetryPolicy(3, RetryPolicy.Backoff.fixed, 7000L, null, 2000L);
        assertEquals(Duration.ofMillis(2000), schedule.nextDelay(2, null, fixed, false), "maxDelay caps the delay");
        assertEquals(Optional.empty(), Optional.ofNullable(schedule.nextDelay(3, null, fixed, false)));
    }

    @Test
    void anExplicitScheduleIsFollowedAsListedWithoutJitterUnlessAsked() {
        RetrySchedule schedule = schedule(0.2);
        RetryPolicy seed003 = RetryPolicy.schedule(List.of(60_000L, 300_000L, 900_000L, 3_600_000L, 7_200_000L));
        assertEquals(6, seed003.attempts());
        assertEquals(Duration.ofMinutes(1), schedule.nextDelay(1, null, seed003, false));
        assertEquals(Duration.ofMinutes(15), schedule.nextDelay(3, null, seed003, false));
        assertEquals(Duration.ofHours(2), schedule.nextDelay(5, null, seed003, false));
        assertNull(schedule.nextDelay(6, null, seed003, false));
        RetryPolicy fixed = new RetryPolicy(5, RetryPolicy.Backoff.fixed, 10_000L, null, null);
        for (int i = 0; i < 50; i++) {
            assertEquals(Duration.ofSeconds(10), schedule.nextDelay(2, null, fixed, false), "an endpoint's policy is not jittered");
        }
        RetryPolicy jittered = new RetryPolicy(5, RetryPolicy.Backoff.fixed, 10_000L, null, null, null, true, null);
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            long millis = schedule.nextDelay(2, null, jittered, false).toMillis();
            assertTrue(millis >= 8_000 && millis <= 12_000, Long.toString(millis));
            seen.add(millis);
        }
        assertTrue(seen.size() > 1, "asked for, the default jitter spreads it");
    }

    @Test
    void aPolicyIsCompleteOnlyWithTheFieldsItsBackoffNeeds() {
        assertTrue(RetryPolicy.schedule(List.of(1000L)).isComplete());
        assertTrue(new RetryPolicy(2, RetryPolicy.Backoff.schedule, null, null, null, List.of(1000L), null, null).isComplete());
        assertEquals(false, new RetryPolicy(5, RetryPolicy.Backoff.schedule, null, null, null, List.of(1000L), null, null).isComplete());
        assertEquals(false, new RetryPolicy(null, RetryPolicy.Backoff.schedule, 1000L, null, null, List.of(1000L), null, null).isComplete());
        assertEquals(false, new RetryPolicy(null, RetryPolicy.Backoff.schedule, null, null, null, null, null, null).isComplete());
        assertEquals(false, new RetryPolicy(3, RetryPolicy.Backoff.fixed, null, null, null, null, null, null).isComplete());
        assertEquals(false, new RetryPolicy(3, RetryPolicy.Backoff.fixed, 1000L, null, null, List.of(1000L), null, null).isComplete());
    }

    /** Seed 004: "immediate retry if the endpoint returns 5xx", then 1 s, 2 s, 4 s. */
    @Test
    void anImmediateRetryFollowsAFirstServerErrorAtOnceAndShiftsThePolicy() {
        RetrySchedule schedule = schedule(0.2);
        RetryPolicy seed004 = new RetryPolicy(4, RetryPolicy.Backoff.exponential, 1000L, 2.0, null, null, null, true);
        assertEquals(5, seed004.attempts(), "the immediate retry comes on top of the policy's attempts");
        assertEquals(Duration.ZERO, schedule.nextDelay(1, null, seed004, true));
        assertEquals(Duration.ofSeconds(1), schedule.nextDelay(2, null, seed004, true));
        assertEquals(Duration.ofSeconds(2), schedule.nextDelay(3, null, seed004, false));
        assertEquals(Duration.ofSeconds(4), schedule.nextDelay(4, null, seed004, true));
        assertNull(schedule.nextDelay(5, null, seed004, true));
        assertEquals(Duration.ofSeconds(1), schedule.nextDelay(1, null, seed004, false), "a timeout is not retried at once");
        assertEquals(Duration.ofSeconds(3), schedule.nextDelay(1, Duration.ofSeconds(3), seed004, true), "Retry-After still wins");
    }
}
