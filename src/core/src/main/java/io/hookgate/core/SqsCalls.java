package io.hookgate.core;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.function.Function;

/**
 * SQS calls for reactive code. Every deployable uses the SDK's blocking client over the JDK's URL connection (AWS's
 * advice for Lambda, and it keeps netty-nio-client, whose native-image properties the native driver stand-in refuses,
 * off the class path). The call runs on a worker thread and its result arrives back on the caller's Vert.x context, so
 * the Hibernate Reactive or SQL client code that follows runs where it started.
 */
@ApplicationScoped
public class SqsCalls {

    private final SqsClient sqs;
    private final Vertx vertx;

    public SqsCalls(SqsClient sqs, Vertx vertx) {
        this.sqs = sqs;
        this.vertx = vertx;
    }

    public <T> Uni<T> call(Function<SqsClient, T> call) {
        Context current = Vertx.currentContext();
        Context context = current != null ? current : vertx.getOrCreateContext();
        return Uni.createFrom().completionStage(() -> context.executeBlocking(() -> call.apply(sqs), false).toCompletionStage());
    }
}
