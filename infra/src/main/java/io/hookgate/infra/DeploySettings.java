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
 * @param appSecretArn         the complete ARN (with its six-character suffix) of the Secrets Manager secret (JSON)
 *                             holding the application's keys, created before the first deploy (docs/deploy.md); ECS
 *                             resolves a task's secrets by complete ARN only
 * @param deliveryConcurrency  the most delivery function instances at once (its reserved concurrency, shared by its
 *                             three queue mappings' maximum concurrency)
 * @param apiRateLimit         the HTTP API's steady requests per second (default route throttling)
 * @param apiBurstLimit        the HTTP API's burst
 * @param alarmEmail           address subscribed to the alarm topic, if any
 * @param certificateArn       ACM certificate for the realtime load balancer's HTTPS (wss://) listener, if any
 * @param ingestConcurrency    reserved concurrency of each inbound route's function, if any (a new account's
 *                             concurrency quota is too small to reserve by default)
 * @param realtimeTasks        Fargate tasks of the realtime service
 * @param environment          further configuration for every function and the realtime service, as environment
 *                             variables ({@code hookgate:environment}); a value {@code secret:<field>} names a JSON
 *                             field of the app secret, which each deployable reads when it starts, so secrets sit
 *                             neither in cdk.json nor in the template or a function's configuration
 * @param tracingLayerArn      the AWS Distro for OpenTelemetry collector layer (a layer version ARN of the region) that
 *                             turns tracing on: functions export their spans to it, the realtime service to a
 *                             collector beside it, both on to X-Ray (docs/observability.md); off when absent
 * @param secretsVersion       any text that changes after a secret's value has changed: deployables read secrets when
 *                             they start, and a new value here replaces every function instance and realtime task
 * @param realtimeDomain       the realtime service's DNS name (realtime.example.com) in a Route 53 hosted zone of
 *                             this account ({@code hookgate:hostedZoneId} and {@code hookgate:hostedZoneName}): the
 *                             stack creates its alias record and, unless certificateArn is given, a DNS-validated
 *                             certificate, so clients connect with wss://
 */
public record DeploySettings(String stage, Path artifacts, String appSecretArn, Optional<String> alarmEmail,
                             Optional<String> certificateArn, Optional<Integer> ingestConcurrency, int realtimeTasks,
                             int deliveryConcurrency, int apiRateLimit, int apiBurstLimit, Map<String, String> environment,
                             Optional<String> tracingLayerArn, String secretsVersion, Optional<RealtimeDomain> realtimeDomain) {

    /** A DNS name for the realtime service, in a hosted zone given by id and name (no lookup at synth). */
    public record RealtimeDomain(String name, String hostedZoneId, String hostedZoneName) {
    }

    /** A complete Secrets Manager ARN: a partial one (no suffix) breaks ECS's secret injection at task start. */
    static final java.util.regex.Pattern COMPLETE_SECRET_ARN =
            java.util.regex.Pattern.compile("arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:.+-[A-Za-z0-9]{6}");

    /** The prefix of an {@link #environment()} value read from the app secret. */
    public static final String SECRET_PREFIX = "secret:";

    public static DeploySettings from(Node node) {
        String stage = text(node, "hookgate:stage").orElse("prod");
        return new DeploySettings(
                stage,
                Path.of(text(node, "hookgate:artifacts").orElse("../target/native")),
                appSecretArn(text(node, "hookgate:appSecretArn"), stage),
                text(node, "hookgate:alarmEmail"),
                text(node, "hookgate:certificateArn"),
                text(node, "hookgate:ingestConcurrency").map(Integer::valueOf),
                text(node, "hookgate:realtimeTasks").map(Integer::valueOf).orElse(2),
                text(node, "hookgate:deliveryConcurrency").map(Integer::valueOf).orElse(20),
                text(node, "hookgate:apiRateLimit").map(Integer::valueOf).orElse(500),
                text(node, "hookgate:apiBurstLimit").map(Integer::valueOf).orElse(1000),
                environment(node.tryGetContext("hookgate:environment")),
                text(node, "hookgate:tracingLayerArn").map(DeploySettings::layerArn),
                text(node, "hookgate:secretsVersion").orElse("1"),
                realtimeDomain(node));
    }

    private static Optional<RealtimeDomain> realtimeDomain(Node node) {
        Optional<String> name = text(node, "hookgate:realtimeDomain");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String zoneId = text(node, "hookgate:hostedZoneId").orElse("");
        String zoneName = text(node, "hookgate:hostedZoneName").orElse("");
        if (zoneId.isEmpty() || zoneName.isEmpty() || !(name.get().equals(zoneName) || name.get().endsWith("." + zoneName))) {
            throw new IllegalArgumentException("hookgate:realtimeDomain " + name.get() + " needs hookgate:hostedZoneId and "
                    + "hookgate:hostedZoneName of the Route 53 zone it belongs to (aws route53 list-hosted-zones-by-name)");
        }
        return Optional.of(new RealtimeDomain(name.get(), zoneId, zoneName));
    }

    private static String layerArn(String arn) {
        if (!arn.matches("arn:aws[a-z-]*:lambda:[a-z0-9-]+:\\d{12}:layer:[A-Za-z0-9_-]+:\\d+")) {
            throw new IllegalArgumentException("hookgate:tracingLayerArn must be a Lambda layer version ARN "
                    + "(arn:aws:lambda:<region>:901920570463:layer:aws-otel-collector-amd64-ver-…:<version>): " + arn);
        }
        return arn;
    }

    private static String appSecretArn(Optional<String> given, String stage) {
        String arn = given.orElseThrow(() -> new IllegalArgumentException("hookgate:appSecretArn is required: the complete ARN of the app "
                + "secret, e.g. cdk deploy -c hookgate:appSecretArn=$(aws secretsmanager describe-secret --secret-id hookgate/" + stage
                + "/app --query ARN --output text) (docs/deploy.md)"));
        if (!COMPLETE_SECRET_ARN.matcher(arn).matches()) {
            throw new IllegalArgumentException("hookgate:appSecretArn must be the secret's complete ARN, ending in its six-character "
                    + "suffix (-AbC123); ECS cannot resolve a name or partial ARN: " + arn);
        }
        return arn;
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
