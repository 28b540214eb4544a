package io.hookgate.bench.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Plays AWS Lambda's managed Java runtime for a packaged (JVM) function: it polls the Lambda runtime API named by
 * {@code AWS_LAMBDA_RUNTIME_API} and hands each event to the function's stream handler, exactly the contract of the
 * {@code java21} runtime. Quarkus starts its own poll loop only in native executables, so JVM artifacts need this.
 * {@code -Dhookgate.lambda.concurrency=N} runs N poll loops, like N warm instances of the function.
 *
 * <p>Usage: {@code java -cp <function runner jar>:<bench classes> io.hookgate.bench.lambda.JvmLambdaRuntime <handler class>}
 */
public final class JvmLambdaRuntime {

    private JvmLambdaRuntime() {
    }

    public static void main(String[] args) throws Exception {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null || args.length != 1) {
            throw new IllegalArgumentException("set AWS_LAMBDA_RUNTIME_API and pass the handler class");
        }
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        String base = "http://" + api + "/2018-06-01/runtime/invocation/";
        int concurrency = Integer.getInteger("hookgate.lambda.concurrency", 1);
        System.out.println("lambda runtime polling " + base + " with " + concurrency + " instance(s)");
        for (int i = 1; i < concurrency; i++) {
            Thread.ofPlatform().name("lambda-instance-" + i).start(() -> {
                try {
                    pollLoop(handler, base);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pollLoop(handler, base);
    }

    private static void pollLoop(RequestStreamHandler handler, String base) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            HttpResponse<byte[]> next;
            try {
                next = http.send(HttpRequest.newBuilder(URI.create(base + "next")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (java.io.IOException e) {
                Thread.sleep(200);
                continue;
            }
            String requestId = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElse(null);
            if (next.statusCode() != 200 || requestId == null) {
                Thread.sleep(100);
                continue;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            String path;
            try {
                handler.handleRequest(new ByteArrayInputStream(next.body()), out, new InvocationContext(requestId));
                path = requestId + "/response";
            } catch (Exception e) {
                out.reset();
                out.writeBytes(("{\"errorMessage\":\"" + String.valueOf(e.getMessage()).replace("\"", "'") + "\",\"errorType\":\""
                        + e.getClass().getName() + "\"}").getBytes(StandardCharsets.UTF_8));
                path = requestId + "/error";
            }
            try {
                http.send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                System.err.println("could not post the result of " + requestId + ": " + e);
            }
        }
    }

    /** The invocation context the managed runtime passes to a handler. */
    private record InvocationContext(String getAwsRequestId) implements Context {
        @Override
        public String getLogGroupName() {
            return "local";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return System.getProperty("quarkus.application.name", "function");
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:" + getFunctionName();
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 300_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override
                public void log(String message) {
                    System.out.println(message);
                }

                @Override
                public void log(byte[] message) {
                    System.out.println(new String(message, StandardCharsets.UTF_8));
                }
            };
        }
    }
}
