package io.hookgate.ingest.common;

import io.hookgate.core.Blocking;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Concurrent calls of one source share the counter's statements, yet are judged exactly as if they had gone one by
 * one: of 60 concurrent calls against a limit of 25, 25 pass and 35 are refused with WEBHOOK_005, and the row counts
 * all 60.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class SourceRateLimitTest {

    static final TestDatabase DB = TestDatabase.shared();

    @Inject
    SourceRateLimit limits;

    @Test
    void aBurstIsCountedExactlyThoughItSharesStatements() throws Exception {
        String counter = "burst-" + UUID.randomUUID();
        SourcePolicy policy = new SourcePolicy(counter, List.of(), 25, Duration.ofHours(1), Optional.empty());
        List<Uni<String>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(limits.take(counter, 1, policy).map(ignored -> "passed")
                    .onFailure(WebhookException.class).recoverWithItem(e -> ((WebhookException) e).error().name()));
        }
        List<String> outcomes = Blocking.await(() -> Uni.join().all(calls).andFailFast());

        assertEquals(25, outcomes.stream().filter("passed"::equals).count(), outcomes.toString());
        assertEquals(35, outcomes.stream().filter("WEBHOOK_005"::equals).count(), outcomes.toString());
        assertEquals(60, DB.count("select sum(count) from inbound_rate where source = ?", counter));
    }
}
