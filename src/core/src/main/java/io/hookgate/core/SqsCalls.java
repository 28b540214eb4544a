package io.hookgate.core;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

import java.time.temporal.ChronoUnit;
import java.util.function.Function;

/**
 * SQS calls for reactive code. Every deployable uses the SDK's blocking client over the JDK's URL connection (AWS's
 * advice for Lambda, and it keeps netty-nio-client, whose native-image properties the native driver stand-in refuses,
 * off the class path). The call runs on a worker thread and its result arrives back on the caller's Vert.x context, so
 * the Hibernate Reactive or SQL client code that follows runs where it started.
 *
 * <p>Fault tolerance (SmallRye): no {@code @Retry} here, because the SDK already retries throttling and 5xx answers
 * (its standard strategy, 3 attempts) and every caller's work is also kept in PostgreSQL, where the outbox relay and
 * the reconciler send it again. What the SDK does not give is a bound: a call that hangs would hold a worker thread
 * and the request waiting on it, so {@code @Timeout} ends it; and while SQS fails most calls, {@code @CircuitBreaker}
 * answers at once instead of stacking blocked workers (an admin call then says 503, a doorbell is rung later by the
 * reconciler). Test-profile timings are in each module's application.properties.
 */
@ApplicationScoped
public class SqsCalls {

    private final SqsClient sqs;
    private final Vertx vertx;

    public SqsCalls(SqsClient sqs, Vertx vertx) {
        this.sqs = sqs;
        this.vertx = vertx;
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 5, delayUnit = ChronoUnit.SECONDS, successThreshold = 2)
    public <T> Uni<T> call(Function<SqsClient, T> call) {
        Context current = Vertx.currentContext();
        Context context = current != null ? current : vertx.getOrCreateContext();
        return Uni.createFrom().completionStage(() -> context.executeBlocking(() -> call.apply(sqs), false).toCompletionStage());
    }
}
