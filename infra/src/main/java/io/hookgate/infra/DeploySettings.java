package io.hookgate.infra;

import software.constructs.Node;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a deployment is told through cdk.json's context or {@code cdk deploy -c key=value}.
 *
 * @param stage                name suffix of every resource ({@code hookgate:stage})
 * @param artifacts            folder holding native-build.sh's output: {@code <function>.zip} and {@code realtime/}
 * @param appSecretName        Secrets Manager secret (JSON) holding the application's keys, created before the first
 *                             deploy (docs/deploy.md)
 * @param alarmEmail           address subscribed to the alarm topic, if any
 * @param certificateArn       ACM certificate for the realtime load balancer's HTTPS (wss://) listener, if any
 * @param ingestConcurrency    reserved concurrency of each inbound route's function, if any (a new account's
 *                             concurrency quota is too small to reserve by default)
 * @param realtimeTasks        Fargate tasks of the realtime service
 * @param environment          further configuration for every function and the realtime service, as environment
 *                             variables ({@code hookgate:environment}); a value {@code secret:<field>} is read from the
 *                             app secret's JSON field at deploy, so secrets never sit in cdk.json
 */
public record DeploySettings(String stage, Path artifacts, String appSecretName, Optional<String> alarmEmail,
                             Optional<String> certificateArn, Optional<Integer> ingestConcurrency, int realtimeTasks,
                             Map<String, String> environment) {

    /** The prefix of an {@link #environment()} value read from the app secret. */
    public static final String SECRET_PREFIX = "secret:";

    public static DeploySettings from(Node node) {
        String stage = text(node, "hookgate:stage").orElse("prod");
        return new DeploySettings(
                stage,
                Path.of(text(node, "hookgate:artifacts").orElse("../target/native")),
                text(node, "hookgate:appSecretName").orElse("hookgate/" + stage + "/app"),
                text(node, "hookgate:alarmEmail"),
                text(node, "hookgate:certificateArn"),
                text(node, "hookgate:ingestConcurrency").map(Integer::valueOf),
                text(node, "hookgate:realtimeTasks").map(Integer::valueOf).orElse(2),
                environment(node.tryGetContext("hookgate:environment")));
    }

    private static Map<String, String> environment(Object context) {
        if (context == null) {
            return Map.of();
        }
        if (!(context instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("hookgate:environment must be an object of NAME: value");
        }
        Map<String, String> environment = new TreeMap<>();
        map.forEach((name, value) -> {
            if (!String.valueOf(name).matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("hookgate:environment: " + name + " is not an environment variable name "
                        + "(upper case, digits, underscores; docs/deploy.md shows how a property maps to one)");
            }
            environment.put(String.valueOf(name), String.valueOf(value));
        });
        return Map.copyOf(environment);
    }

    private static Optional<String> text(Node node, String key) {
        return Optional.ofNullable(node.tryGetContext(key)).map(Object::toString).filter(value -> !value.isBlank());
    }

    /** A native-build.sh artifact, checked to exist so a missing build fails at synth, not at deploy. */
    public String artifact(String name) {
        Path path = artifacts.resolve(name);
        if (!path.toFile().exists()) {
            throw new IllegalStateException(path.toAbsolutePath() + " is missing: run ./native-build.sh first (docs/deploy.md)");
        }
        return path.toString();
    }
}
