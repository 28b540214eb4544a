package io.hookgate.admin;

import io.hookgate.core.QueueConfig;
import io.hookgate.core.SqsCalls;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SqsCalls}' fault tolerance against the real ElasticMQ, with the test profile's timings (timeout 1 s, breaker
 * delay 1 s): a hung call ends at the timeout, a run of failures opens the breaker, which answers at once, and the
 * breaker closes again once SQS answers.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class SqsCallsFaultToleranceTest {

    @Inject
    SqsCalls calls;

    @Inject
    QueueConfig queues;

    String queueLength() {
        return calls.call(client -> client.getQueueAttributes(b -> b.queueUrl(queues.deadLetterUrl())
                .attributeNamesWithStrings("ApproximateNumberOfMessages")).attributes().toString())
                .await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aHungCallEndsAtTheTimeoutWhileAQuickOneAnswers() {
        assertTrue(queueLength().contains("ApproximateNumberOfMessages"), "the control: a real call answers");
        long started = System.nanoTime();
        assertThrows(TimeoutException.class, () -> calls.call(client -> {
            sleep(2_500);
            return "late";
        }).await().atMost(Duration.ofSeconds(10)));
        long waitedMs = (System.nanoTime() - started) / 1_000_000;
        assertTrue(waitedMs < 2_300, "ended by the 1 s timeout, not the 2.5 s call: " + waitedMs + " ms");
    }

    @Test
    void failuresOpenTheBreakerWhichAnswersAtOnceAndClosesWhenSqsAnswersAgain() {
        for (int i = 0; i < 20; i++) {
            assertThrows(RuntimeException.class, () -> calls.call(client -> client.getQueueAttributes(b -> b
                    .queueUrl(queues.deadLetterUrl() + "-no-such-queue"))).await().atMost(Duration.ofSeconds(5)));
        }
        int[] ran = {0};
        assertThrows(CircuitBreakerOpenException.class, () -> calls.call(client -> ++ran[0]).await().atMost(Duration.ofSeconds(5)));
        assertEquals(0, ran[0], "an open breaker does not call SQS at all");
        // after the delay, two good calls close it
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                .until(() -> queueLength().contains("ApproximateNumberOfMessages"));
        assertTrue(queueLength().contains("ApproximateNumberOfMessages"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
