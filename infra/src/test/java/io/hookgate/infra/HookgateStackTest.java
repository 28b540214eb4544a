package io.hookgate.infra;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Synthesises the stack (cdk synth, offline) and checks each property docs/deploy.md promises. */
class HookgateStackTest {

    @TempDir
    static Path artifacts;

    static final String APP_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hookgate/test/app-AbC123";

    static Template template;
    static Map<String, Map<String, Object>> resources;

    @BeforeAll
    static void synth() throws IOException {
        for (String function : List.of("ingest", "admin", "delivery")) {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(artifacts.resolve(function + ".zip")))) {
                zip.putNextEntry(new ZipEntry("bootstrap"));
                zip.write(("placeholder for " + function).getBytes());
            }
        }
        Files.createDirectories(artifacts.resolve("realtime"));
        Files.writeString(artifacts.resolve("realtime/Dockerfile"), "FROM scratch\n");
        App app = App.Builder.create().context(Map.of(
                "hookgate:stage", "test",
                "hookgate:artifacts", artifacts.toString(),
                "hookgate:alarmEmail", "ops@example.com",
                "hookgate:appSecretArn", APP_SECRET_ARN,
                "hookgate:environment", Map.of(
                        "HOOKGATE_INGEST_PRICE_FEED_SOURCES_COINGECKO_API_KEY_HASH", "28cb62",
                        "HOOKGATE_INGEST_PRICE_FEED_SOURCES_COINGECKO_SIGNING_SECRET", "secret:coingeckoSigningSecret"))).build();
        HookgateStack stack = new HookgateStack(app, "Hookgate-test", StackProps.builder().build(), DeploySettings.from(app.getNode()));
        template = Template.fromStack(stack);
        resources = new java.util.HashMap<>();
        template.toJSON().forEach((section, value) -> {
            if (section.equals("Resources")) {
                @SuppressWarnings("unchecked") Map<String, Map<String, Object>> all = (Map<String, Map<String, Object>>) value;
                resources.putAll(all);
            }
        });
    }

    @Test
    void eachInboundRouteHasItsOwnFunctionFromTheSameArtifact() {
        template.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        template.hasResourceProperties("AWS::ApiGatewayV2::Api", Map.of("ProtocolType", "HTTP"));
        Set<String> functions = new HashSet<>();
        Set<Object> code = new HashSet<>();
        for (InboundRoute route : InboundRoute.ALL) {
            String function = functionBehind("POST " + route.path());
            functions.add(function);
            code.add(props(function).get("Code"));
            assertEquals("hookgate-test-ingest-" + route.name(), props(function).get("FunctionName"));
        }
        assertEquals(InboundRoute.ALL.size(), functions.size(), "one function per inbound route");
        assertEquals(1, code.size(), "every inbound function runs the same ingest zip");
        String admin = functionBehind("ANY /api/v1/{proxy+}");
        assertEquals("hookgate-test-admin", props(admin).get("FunctionName"));
        for (String channel : List.of("discord", "email", "telegram")) {
            assertEquals(admin, functionBehind("POST /api/webhook/" + channel + "/send"), "admin notification sends");
        }
        for (String seedRoute : List.of("/api/admin/webhooks", "/api/admin/webhooks/{proxy+}", "/api/webhooks", "/api/webhooks/{proxy+}")) {
            assertEquals(admin, functionBehind("ANY " + seedRoute), "the seeds' management routes");
        }
        assertEquals(admin, functionBehind("GET /dashboard"), "the dashboard");
        assertEquals(admin, functionBehind("GET /dashboard/{proxy+}"), "the dashboard's files");
        assertEquals(admin, functionBehind("GET /admin/webhooks"), "seed 002's dashboard address");
        assertFalse(functions.contains(admin));
    }

    @Test
    void functionsAreNativeWithConfigurationFromSecretsManager() {
        List<Map<String, Object>> functions = ofType("AWS::Lambda::Function").stream()
                .filter(f -> String.valueOf(f.get("FunctionName")).startsWith("hookgate-test-")).toList();
        assertEquals(InboundRoute.ALL.size() + 3, functions.size(), "inbound routes, admin, delivery, migrate");
        for (Map<String, Object> function : functions) {
            assertEquals("provided.al2023", function.get("Runtime"));
            assertEquals(List.of("x86_64"), function.get("Architectures"));
            Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
            // references only, resolved by the function when it starts (core secrets.SecretReferences)
            assertEquals("secret:cryptoKey", variables.get("HOOKGATE_CRYPTO_SECRET_KEY"));
            assertEquals(APP_SECRET_ARN, variables.get("HOOKGATE_SECRETS_APP_SECRET_ARN"));
            assertEquals("1", variables.get("HOOKGATE_SECRETS_VERSION"), "hookgate:secretsVersion's default");
            // every function connects as the application role, but the migration, which connects as the owner and keeps the role
            String password = String.valueOf(variables.get("QUARKUS_DATASOURCE_PASSWORD"));
            boolean migrate = String.valueOf(function.get("FunctionName")).endsWith("-migrate");
            assertEquals(migrate ? Database.OWNER : Database.APP_ROLE, variables.get("QUARKUS_DATASOURCE_USERNAME"));
            assertTrue(password.contains("secret:") && password.contains(migrate ? "DatabaseClusterSecret" : "DatabaseAppRoleSecret")
                    && password.contains("#password"), password);
            assertEquals(migrate, variables.containsKey("HOOKGATE_DATABASE_APP_ROLE_PASSWORD"));
            if (migrate) {
                assertTrue(String.valueOf(variables.get("HOOKGATE_DATABASE_APP_ROLE_PASSWORD")).contains("DatabaseAppRoleSecret"));
            }
            assertEquals("false", variables.get("QUARKUS_DATASOURCE_REACTIVE_CACHE_PREPARED_STATEMENTS"),
                    function.get("FunctionName") + " must not pin its RDS Proxy connections with named prepared statements");
            for (String queue : List.of("HOOKGATE_QUEUES_EVENTS_URL", "HOOKGATE_QUEUES_DELIVERIES_URL",
                    "HOOKGATE_QUEUES_SLOW_DELIVERIES_URL", "HOOKGATE_QUEUES_DEAD_LETTER_URL")) {
                assertTrue(variables.containsKey(queue), function.get("FunctionName") + " lacks " + queue);
            }
            assertTrue(((Map<?, ?>) function.get("VpcConfig")).containsKey("SubnetIds"), "functions run in the VPC");
        }
        Map<?, ?> admin = (Map<?, ?>) ((Map<?, ?>) props(functionNamed("hookgate-test-admin")).get("Environment")).get("Variables");
        assertEquals("0s", admin.get("HOOKGATE_ADMIN_METRICS_REFRESH"));
        assertEquals("secret:adminBootstrapKey", admin.get("HOOKGATE_ADMIN_BOOTSTRAP_KEY"));
    }

    @Test
    void noSecretValueReachesTheTemplateAndEachFunctionMayReadItsSecrets() {
        // (the Aurora cluster itself is created with its generated secret's dynamic reference, as RDS needs it)
        String configurations = ofType("AWS::Lambda::Function").toString() + ofType("AWS::ECS::TaskDefinition");
        assertFalse(configurations.contains("{{resolve:secretsmanager"), "no dynamic reference puts a secret into a deployable's configuration");
        for (Map<String, Object> function : ofType("AWS::Lambda::Function")) {
            String name = String.valueOf(function.get("FunctionName"));
            if (!name.startsWith("hookgate-test-")) {
                continue;
            }
            String roleId = String.valueOf(((List<?>) ((Map<?, ?>) function.get("Role")).get("Fn::GetAtt")).getFirst());
            String policies = ofType("AWS::IAM::Policy").stream().filter(p -> String.valueOf(p.get("Roles")).contains(roleId))
                    .map(p -> String.valueOf(p.get("PolicyDocument"))).collect(Collectors.joining());
            assertTrue(policies.contains("secretsmanager:GetSecretValue") && policies.contains(APP_SECRET_ARN), name + ": " + policies);
            assertTrue(policies.contains("DatabaseAppRoleSecret"), name + " reads the application role's password: " + policies);
            assertEquals(name.endsWith("-migrate"), policies.contains("DatabaseClusterSecret"), name + ": only the migration reads the owner's");
        }
    }

    @Test
    void extraConfigurationReachesEveryDeployableWithSecretsResolvedFromSecretsManager() {
        List<Map<?, ?>> environments = new java.util.ArrayList<>();
        ofType("AWS::Lambda::Function").stream().filter(f -> String.valueOf(f.get("FunctionName")).startsWith("hookgate-test-"))
                .forEach(f -> environments.add((Map<?, ?>) ((Map<?, ?>) f.get("Environment")).get("Variables")));
        Map<?, ?> container = (Map<?, ?>) ((List<?>) ofType("AWS::ECS::TaskDefinition").getFirst().get("ContainerDefinitions")).getFirst();
        Map<Object, Object> realtime = new java.util.HashMap<>();
        ((List<?>) container.get("Environment")).forEach(e -> realtime.put(((Map<?, ?>) e).get("Name"), ((Map<?, ?>) e).get("Value")));
        environments.add(realtime);
        for (Map<?, ?> environment : environments) {
            assertEquals("28cb62", environment.get("HOOKGATE_INGEST_PRICE_FEED_SOURCES_COINGECKO_API_KEY_HASH"));
            assertEquals("secret:coingeckoSigningSecret", environment.get("HOOKGATE_INGEST_PRICE_FEED_SOURCES_COINGECKO_SIGNING_SECRET"));
            assertEquals(APP_SECRET_ARN, environment.get("HOOKGATE_SECRETS_APP_SECRET_ARN"));
        }
        App app = App.Builder.create().context(Map.of("hookgate:appSecretArn", APP_SECRET_ARN, "hookgate:environment", Map.of("hookgate.ingest.x", "1"))).build();
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DeploySettings.from(app.getNode()));
        assertTrue(refused.getMessage().contains("hookgate.ingest.x"));
    }

    @Test
    void queuesRedriveToOneDeadLetterQueueAndOutlastTheDeliveryFunction() {
        template.resourceCountIs("AWS::SQS::Queue", 4);
        String dlq = logicalIdWhere("AWS::SQS::Queue", p -> "hookgate-test-dlq".equals(p.get("QueueName")));
        int functionTimeout = ((Number) props(functionNamed("hookgate-test-delivery")).get("Timeout")).intValue();
        for (String name : List.of("events", "deliveries", "deliveries-slow")) {
            Map<String, Object> queue = props(logicalIdWhere("AWS::SQS::Queue", p -> ("hookgate-test-" + name).equals(p.get("QueueName"))));
            Map<?, ?> redrive = (Map<?, ?>) queue.get("RedrivePolicy");
            assertEquals(Queues.MAX_RECEIVE_COUNT, ((Number) redrive.get("maxReceiveCount")).intValue());
            assertEquals(Map.of("Fn::GetAtt", List.of(dlq, "Arn")), redrive.get("deadLetterTargetArn"));
            int visibility = ((Number) queue.get("VisibilityTimeout")).intValue();
            assertTrue(visibility > functionTimeout + Queues.LONGEST_DELIVERY.toSeconds().intValue(),
                    name + ": visibility " + visibility + " s must exceed the function timeout plus the longest delivery");
        }
    }

    @Test
    void queuesKeepDoorbellsAsLongAsSqsCanAndTheRealtimeServiceReconciles() {
        for (String name : List.of("events", "deliveries", "deliveries-slow", "dlq")) {
            Map<String, Object> queue = props(logicalIdWhere("AWS::SQS::Queue", p -> ("hookgate-test-" + name).equals(p.get("QueueName"))));
            assertEquals(14 * 24 * 3600, ((Number) queue.get("MessageRetentionPeriod")).intValue(), name);
        }
        // The reconciler runs in the realtime container, the one deployable that is always on, and in no function.
        Map<String, Object> task = ofType("AWS::ECS::TaskDefinition").getFirst();
        Map<?, ?> container = (Map<?, ?>) ((List<?>) task.get("ContainerDefinitions")).getFirst();
        assertTrue(((List<?>) container.get("Environment")).contains(Map.of("Name", "HOOKGATE_RECONCILER_EVERY", "Value", Queues.RECONCILE_EVERY)),
                String.valueOf(container.get("Environment")));
        for (Map<String, Object> function : ofType("AWS::Lambda::Function")) {
            assertFalse(String.valueOf(function.get("Environment")).contains("HOOKGATE_RECONCILER_EVERY"), "a function does not reconcile");
        }
        // It re-sends fan-out messages and rings doorbells on both delivery lanes, and needs nothing else from SQS.
        String taskRole = (String) ((List<?>) ((Map<?, ?>) task.get("TaskRoleArn")).get("Fn::GetAtt")).getFirst();
        List<Map<String, Object>> policies = ofType("AWS::IAM::Policy").stream()
                .filter(p -> String.valueOf(p.get("Roles")).contains(taskRole)).toList();
        Set<Object> sendsTo = policies.stream()
                .flatMap(p -> ((List<?>) ((Map<?, ?>) p.get("PolicyDocument")).get("Statement")).stream())
                .map(st -> (Map<?, ?>) st)
                .filter(st -> String.valueOf(st.get("Action")).contains("sqs:SendMessage"))
                .map(st -> st.get("Resource")).collect(Collectors.toSet());
        Set<Object> expected = List.of("events", "deliveries", "deliveries-slow").stream()
                .map(name -> logicalIdWhere("AWS::SQS::Queue", p -> ("hookgate-test-" + name).equals(p.get("QueueName"))))
                .map(id -> (Object) Map.of("Fn::GetAtt", List.of(id, "Arn"))).collect(Collectors.toSet());
        assertEquals(expected, sendsTo);
    }

    @Test
    void deliveryFunctionConsumesEveryQueueReportingItemFailures() {
        List<Map<String, Object>> mappings = ofType("AWS::Lambda::EventSourceMapping");
        assertEquals(3, mappings.size());
        String delivery = functionNamed("hookgate-test-delivery");
        for (Map<String, Object> mapping : mappings) {
            assertEquals(Map.of("Ref", delivery), mapping.get("FunctionName"));
            assertEquals(List.of("ReportBatchItemFailures"), mapping.get("FunctionResponseTypes"));
            int batch = ((Number) mapping.get("BatchSize")).intValue();
            assertTrue(batch >= 1 && batch <= 10, "batch " + batch);
            int window = ((Number) mapping.get("MaximumBatchingWindowInSeconds")).intValue();
            assertTrue(window >= 1 && window <= 5, "window " + window);
        }
    }

    @Test
    void postgresIsAuroraServerlessBehindRdsProxyMigratedAtDeploy() {
        template.hasResourceProperties("AWS::RDS::DBCluster", Map.of(
                "Engine", "aurora-postgresql",
                "StorageEncrypted", true,
                "ServerlessV2ScalingConfiguration", Map.of("MinCapacity", 0.5, "MaxCapacity", 8)));
        template.hasResourceProperties("AWS::RDS::DBProxy", Map.of("EngineFamily", "POSTGRESQL", "RequireTLS", true));
        template.hasResourceProperties("AWS::RDS::DBProxyTargetGroup", Match.objectLike(Map.of("DBClusterIdentifiers", Match.anyValue())));
        // The migration: the delivery zip with Flyway at start, run by a trigger before the functions update.
        String migrate = functionNamed("hookgate-test-migrate");
        Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) props(migrate).get("Environment")).get("Variables");
        assertEquals("true", variables.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
        assertEquals(props(functionNamed("hookgate-test-delivery")).get("Code"), props(migrate).get("Code"));
        String trigger = logicalIdWhere("Custom::Trigger", p -> true);
        assertTrue(String.valueOf(props(trigger).get("HandlerArn")).contains("Migrate"), String.valueOf(props(trigger)));
        for (String function : List.of("hookgate-test-admin", "hookgate-test-delivery", "hookgate-test-ingest-ccpayment-deposit")) {
            Object dependsOn = resources.get(functionNamed(function)).get("DependsOn");
            assertTrue(String.valueOf(dependsOn).contains(trigger), function + " waits for the migration: " + dependsOn);
        }
        Object triggerDependsOn = resources.get(trigger).get("DependsOn");
        assertTrue(String.valueOf(triggerDependsOn).contains("DatabaseProxy"), "migration runs after the proxy exists");
    }

    @Test
    void realtimeRunsOnFargateBehindAWebSocketCapableLoadBalancer() {
        template.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of("LaunchType", "FARGATE", "DesiredCount", 2)));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Match.objectLike(Map.of(
                "Type", "application",
                "Scheme", "internet-facing",
                "LoadBalancerAttributes", Match.arrayWith(List.of(Map.of("Key", "idle_timeout.timeout_seconds", "Value", "120"))))));
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "HealthCheckPath", "/q/health/ready", "TargetType", "ip")));
        Map<String, Object> task = ofType("AWS::ECS::TaskDefinition").getFirst();
        Map<?, ?> container = (Map<?, ?>) ((List<?>) task.get("ContainerDefinitions")).getFirst();
        assertEquals(RealtimeService.PORT, ((Number) ((Map<?, ?>) ((List<?>) container.get("PortMappings")).getFirst()).get("ContainerPort")).intValue());
        Set<Object> secrets = ((List<?>) container.get("Secrets")).stream().map(s -> ((Map<?, ?>) s).get("Name")).collect(Collectors.toSet());
        assertEquals(Set.of("QUARKUS_DATASOURCE_PASSWORD", "HOOKGATE_CRYPTO_SECRET_KEY", "HOOKGATE_REALTIME_TOKEN_SECRET"), secrets);
        // ECS resolves secrets by complete ARN only: the app secret's carries its suffix, the database's is the created secret's Ref.
        for (Object secret : (List<?>) container.get("Secrets")) {
            Map<?, ?> s = (Map<?, ?>) secret;
            String valueFrom = String.valueOf(s.get("ValueFrom"));
            if (s.get("Name").equals("QUARKUS_DATASOURCE_PASSWORD")) {
                assertTrue(valueFrom.contains("Ref") && valueFrom.contains("DatabaseAppRoleSecret"), valueFrom);
            } else {
                assertTrue(valueFrom.startsWith(APP_SECRET_ARN + ":"), "complete ARN: " + valueFrom);
            }
        }
        // The public listener hides /q/* (health and metrics); the target group's health check goes to the tasks.
        template.hasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Match.objectLike(Map.of(
                "Conditions", List.of(Map.of("Field", "path-pattern", "PathPatternConfig", Map.of("Values", List.of("/q/*")))),
                "Actions", List.of(Match.objectLike(Map.of("Type", "fixed-response",
                        "FixedResponseConfig", Match.objectLike(Map.of("StatusCode", "404"))))))));
        // The realtime service starts after the migration, as the functions do.
        String trigger = logicalIdWhere("Custom::Trigger", p -> true);
        String service = logicalIdWhere("AWS::ECS::Service", p -> true);
        assertTrue(String.valueOf(resources.get(service).get("DependsOn")).contains(trigger), String.valueOf(resources.get(service).get("DependsOn")));
    }

    @Test
    void databaseTlsIsVerifiedNeverTrustAll() throws IOException {
        List<Map<?, ?>> environments = new java.util.ArrayList<>();
        ofType("AWS::Lambda::Function").stream().filter(f -> String.valueOf(f.get("FunctionName")).startsWith("hookgate-test-"))
                .forEach(f -> environments.add((Map<?, ?>) ((Map<?, ?>) f.get("Environment")).get("Variables")));
        for (Map<?, ?> variables : environments) {
            assertTrue(String.valueOf(variables.get("QUARKUS_DATASOURCE_REACTIVE_URL")).contains(":5432/hookgate?sslmode=verify-full]"), variables.toString());
            assertEquals("HTTPS", variables.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"));
            assertFalse(variables.containsKey("QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL"));
            // RDS Proxy's certificate is ACM's: verified against the JDK trust store the native image carries
            assertTrue(String.valueOf(variables.get("QUARKUS_DATASOURCE_JDBC_URL"))
                    .contains("sslmode=verify-full&sslfactory=org.postgresql.ssl.DefaultJavaSSLFactory"), variables.toString());
        }
        Map<?, ?> container = (Map<?, ?>) ((List<?>) ofType("AWS::ECS::TaskDefinition").getFirst().get("ContainerDefinitions")).getFirst();
        Map<Object, Object> realtime = new java.util.HashMap<>();
        ((List<?>) container.get("Environment")).forEach(e -> realtime.put(((Map<?, ?>) e).get("Name"), ((Map<?, ?>) e).get("Value")));
        assertFalse(realtime.containsKey("QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL"));
        assertEquals("HTTPS", realtime.get("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM"));
        assertEquals(Database.RDS_CA_BUNDLE, realtime.get("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS"));
        assertTrue(String.valueOf(realtime.get("QUARKUS_DATASOURCE_JDBC_URL")).contains("sslmode=verify-full&sslrootcert=" + Database.RDS_CA_BUNDLE), realtime.toString());
        // ...a bundle the realtime image fetches when it is built
        String dockerfile = Files.readString(Path.of("../src/realtime/src/main/docker/Dockerfile.native"));
        assertTrue(dockerfile.contains("https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem " + Database.RDS_CA_BUNDLE), dockerfile);
    }

    @Test
    void realtimeGetsItsOwnNameAndACertificateForItWhenADomainIsGiven() {
        assertTrue(ofType("AWS::CertificateManager::Certificate").isEmpty());
        Map<?, ?> output = (Map<?, ?>) ((Map<?, ?>) template.toJSON().get("Outputs")).get("RealtimeUrl");
        assertTrue(String.valueOf(output.get("Description")).contains("UNENCRYPTED"), "says so when it is ws://");

        App app = App.Builder.create().context(Map.of("hookgate:stage", "named", "hookgate:artifacts", artifacts.toString(),
                "hookgate:appSecretArn", APP_SECRET_ARN, "hookgate:realtimeDomain", "realtime.example.com",
                "hookgate:hostedZoneId", "Z0123456789ABC", "hookgate:hostedZoneName", "example.com")).build();
        Template named = Template.fromStack(new HookgateStack(app, "Hookgate-named", StackProps.builder().build(), DeploySettings.from(app.getNode())));
        named.hasResourceProperties("AWS::CertificateManager::Certificate", Match.objectLike(Map.of("DomainName", "realtime.example.com",
                "ValidationMethod", "DNS", "DomainValidationOptions", List.of(Map.of("DomainName", "realtime.example.com", "HostedZoneId", "Z0123456789ABC")))));
        named.hasResourceProperties("AWS::Route53::RecordSet", Match.objectLike(Map.of("Name", "realtime.example.com.", "Type", "A",
                "HostedZoneId", "Z0123456789ABC")));
        named.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of("Port", 443, "Protocol", "HTTPS")));
        named.hasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Match.objectLike(Map.of("Port", 80,
                "DefaultActions", List.of(Match.objectLike(Map.of("Type", "redirect"))))));
        Map<?, ?> url = (Map<?, ?>) ((Map<?, ?>) named.toJSON().get("Outputs")).get("RealtimeUrl");
        assertEquals("wss://realtime.example.com/ws", url.get("Value"));

        App wrong = App.Builder.create().context(Map.of("hookgate:appSecretArn", APP_SECRET_ARN, "hookgate:realtimeDomain", "realtime.example.com",
                "hookgate:hostedZoneId", "Z0123456789ABC", "hookgate:hostedZoneName", "example.org")).build();
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DeploySettings.from(wrong.getNode()));
        assertTrue(refused.getMessage().contains("hookgate:hostedZoneName"), refused.getMessage());
    }

    @Test
    void theProxyKnowsTheOwnerForTheMigrationAndTheApplicationRoleForEverythingElse() {
        List<?> auth = (List<?>) ofType("AWS::RDS::DBProxy").getFirst().get("Auth");
        assertEquals(2, auth.size(), String.valueOf(auth));
        assertTrue(auth.toString().contains("DatabaseClusterSecret") && auth.toString().contains("DatabaseAppRoleSecret"), auth.toString());
        template.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of("GenerateSecretString",
                Match.objectLike(Map.of("SecretStringTemplate", "{\"username\":\"" + Database.APP_ROLE + "\"}")))));
    }

    @Test
    void tracingIsOffUnlessACollectorLayerIsGivenAndThenReachesEveryDeployable() {
        for (Map<String, Object> function : ofType("AWS::Lambda::Function")) {
            if (String.valueOf(function.get("FunctionName")).startsWith("hookgate-test-")) {
                assertFalse(function.containsKey("Layers"), String.valueOf(function.get("FunctionName")));
                Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
                assertFalse(variables.containsKey("QUARKUS_OTEL_SDK_DISABLED"), "the default (off) applies");
            }
        }
        assertEquals(1, ((List<?>) ofType("AWS::ECS::TaskDefinition").getFirst().get("ContainerDefinitions")).size());

        String layer = "arn:aws:lambda:eu-west-1:901920570463:layer:aws-otel-collector-amd64-ver-0-117-0:1";
        App app = App.Builder.create().context(Map.of("hookgate:stage", "traced", "hookgate:artifacts", artifacts.toString(),
                "hookgate:appSecretArn", APP_SECRET_ARN, "hookgate:tracingLayerArn", layer)).build();
        Template traced = Template.fromStack(new HookgateStack(app, "Hookgate-traced", StackProps.builder().build(), DeploySettings.from(app.getNode())));
        Map<String, Map<String, Object>> functions = traced.findResources("AWS::Lambda::Function");
        long tracedFunctions = functions.values().stream().map(HookgateStackTest::propsOf)
                .filter(f -> String.valueOf(f.get("FunctionName")).startsWith("hookgate-traced-"))
                .peek(f -> {
                    assertEquals(List.of(layer), f.get("Layers"), String.valueOf(f.get("FunctionName")));
                    assertEquals(Map.of("Mode", "Active"), f.get("TracingConfig"));
                    Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) f.get("Environment")).get("Variables");
                    assertEquals("false", variables.get("QUARKUS_OTEL_SDK_DISABLED"));
                    assertEquals("http://localhost:4317", variables.get("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
                }).count();
        assertEquals(InboundRoute.ALL.size() + 3, tracedFunctions);
        traced.hasResourceProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of("ContainerDefinitions", Match.arrayWith(List.of(
                Match.objectLike(Map.of("Environment", Match.arrayWith(List.of(Map.of("Name", "QUARKUS_OTEL_SDK_DISABLED", "Value", "false"))))),
                Match.objectLike(Map.of("Image", RealtimeService.COLLECTOR_IMAGE, "Essential", false)))))));
        assertTrue(traced.findResources("AWS::IAM::Role").values().stream().map(HookgateStackTest::propsOf)
                .anyMatch(role -> String.valueOf(role.get("ManagedPolicyArns")).contains(":iam::aws:policy/AWSXRayDaemonWriteAccess")),
                "the realtime task role may write to X-Ray");
        App wrong = App.Builder.create().context(Map.of("hookgate:appSecretArn", APP_SECRET_ARN, "hookgate:tracingLayerArn", "aws-otel")).build();
        var refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> DeploySettings.from(wrong.getNode()));
        assertTrue(refused.getMessage().contains("layer version ARN"), refused.getMessage());
    }

    @Test
    void aPartialOrMissingAppSecretArnStopsTheSynthWithTheFix() {
        for (Map<String, Object> context : List.<Map<String, Object>>of(Map.of(),
                Map.of("hookgate:appSecretArn", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:hookgate/test/app"))) {
            App app = App.Builder.create().context(context).build();
            IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> DeploySettings.from(app.getNode()));
            assertTrue(refused.getMessage().contains("complete ARN"), refused.getMessage());
        }
    }

    @Test
    void concurrencyIsCappedSoABacklogNeitherStarvesIngestNorIsThrottled() {
        Map<String, Object> delivery = props(functionNamed("hookgate-test-delivery"));
        int reserved = ((Number) delivery.get("ReservedConcurrentExecutions")).intValue();
        assertEquals(20, reserved, "hookgate:deliveryConcurrency default");
        int mapped = ofType("AWS::Lambda::EventSourceMapping").stream()
                .mapToInt(m -> ((Number) ((Map<?, ?>) m.get("ScalingConfig")).get("MaximumConcurrency")).intValue()).sum();
        assertEquals(reserved, mapped, "the mappings never ask for more instances than are reserved (no throttled batches)");
        for (Map<String, Object> function : ofType("AWS::Lambda::Function")) {
            if (String.valueOf(function.get("FunctionName")).startsWith("hookgate-test-")) {
                Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
                assertEquals("4", variables.get("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE"), function.get("FunctionName") + " pool size");
            }
        }
    }

    @Test
    void eachFunctionGetsOnlyTheKeysItUses() {
        for (Map<String, Object> function : ofType("AWS::Lambda::Function")) {
            String name = String.valueOf(function.get("FunctionName"));
            if (name.startsWith("hookgate-test-")) {
                Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
                assertEquals(name.equals("hookgate-test-admin"), variables.containsKey("HOOKGATE_REALTIME_TOKEN_SECRET"), name);
                assertEquals(name.contains("-ingest-"), variables.containsKey("HOOKGATE_INGEST_CCPAYMENT_SECRET"), name);
                assertEquals(name.equals("hookgate-test-admin"), variables.containsKey("HOOKGATE_ADMIN_BOOTSTRAP_KEY"), name);
                assertTrue(variables.containsKey("HOOKGATE_CRYPTO_SECRET_KEY"), name + " decrypts stored secrets");
            }
        }
    }

    @Test
    void theApiIsThrottledAndLogsEveryRequest() {
        template.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of(
                "StageName", "$default",
                "DefaultRouteSettings", Map.of("ThrottlingRateLimit", 500, "ThrottlingBurstLimit", 1000),
                "AccessLogSettings", Match.objectLike(Map.of("Format", Match.stringLikeRegexp(".*\\$context.requestId.*\\$context.status.*"))))));
    }

    @Test
    void permissionsAreLeastPrivilege() {
        for (Map<String, Object> policy : ofType("AWS::IAM::Policy")) {
            for (Object statement : (List<?>) ((Map<?, ?>) policy.get("PolicyDocument")).get("Statement")) {
                Map<?, ?> s = (Map<?, ?>) statement;
                List<?> actions = s.get("Action") instanceof List<?> list ? list : List.of(s.get("Action"));
                assertFalse(actions.contains("*") || actions.stream().anyMatch(a -> String.valueOf(a).endsWith(":*")),
                        "no wildcard actions: " + s);
                if (actions.stream().anyMatch(a -> String.valueOf(a).startsWith("sqs:"))) {
                    assertFalse("*".equals(s.get("Resource")), "queue permissions name their queue: " + s);
                }
            }
        }
        // An inbound function may only read its secrets and send to the events queue.
        String deposit = functionNamed("hookgate-test-ingest-ccpayment-deposit");
        Object role = ((Map<?, ?>) props(deposit).get("Role")).get("Fn::GetAtt");
        String roleId = (String) ((List<?>) role).getFirst();
        String events = logicalIdWhere("AWS::SQS::Queue", p -> "hookgate-test-events".equals(p.get("QueueName")));
        List<Map<String, Object>> policies = ofType("AWS::IAM::Policy").stream()
                .filter(p -> String.valueOf(p.get("Roles")).contains(roleId)).toList();
        assertEquals(1, policies.size());
        List<?> statements = (List<?>) ((Map<?, ?>) policies.getFirst().get("PolicyDocument")).get("Statement");
        assertEquals(3, statements.size(), "ingest: " + statements);
        // besides reading its two secrets at start (the app secret, the database's)...
        List<?> reads = statements.stream().filter(st -> String.valueOf(((Map<?, ?>) st).get("Action")).contains("secretsmanager:")).toList();
        assertEquals(2, reads.size(), "ingest: " + statements);
        for (Object read : reads) {
            assertEquals(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"), ((Map<?, ?>) read).get("Action"));
        }
        assertEquals(APP_SECRET_ARN, ((Map<?, ?>) reads.getFirst()).get("Resource"));
        // ...it may only send to the events queue
        Map<?, ?> send = (Map<?, ?>) statements.stream().filter(st -> !reads.contains(st)).findFirst().orElseThrow();
        assertEquals(Map.of("Fn::GetAtt", List.of(events, "Arn")), send.get("Resource"));
        assertTrue(String.valueOf(send.get("Action")).contains("sqs:SendMessage"));
        assertFalse(String.valueOf(send.get("Action")).contains("sqs:ReceiveMessage"));
    }

    @Test
    void alarmsWatchDeadLettersQueueAgeAndErrorRates() {
        List<Map<String, Object>> alarms = ofType("AWS::CloudWatch::Alarm");
        Set<String> names = alarms.stream().map(a -> String.valueOf(a.get("AlarmName"))).collect(Collectors.toSet());
        assertTrue(names.contains("hookgate-test-dlq-depth"), names.toString());
        for (String queue : List.of("events", "deliveries", "deliveries-slow")) {
            assertTrue(names.contains("hookgate-test-" + queue + "-oldest-message"), names.toString());
        }
        for (InboundRoute route : InboundRoute.ALL) {
            assertTrue(names.contains("hookgate-test-ingest-" + route.name() + "-error-rate"), names.toString());
        }
        assertTrue(names.contains("hookgate-test-admin-error-rate") && names.contains("hookgate-test-delivery-error-rate"));
        for (String function : List.of("admin", "delivery", "ingest-ccpayment-deposit")) {
            assertTrue(names.contains("hookgate-test-" + function + "-throttles"), names.toString());
            assertTrue(names.contains("hookgate-test-" + function + "-duration-p99"), names.toString());
        }
        assertTrue(names.containsAll(List.of("hookgate-test-api-5xx", "hookgate-test-database-capacity", "hookgate-test-database-cpu",
                "hookgate-test-database-proxy-availability", "hookgate-test-database-proxy-pinned-sessions")), names.toString());
        for (Map<String, Object> alarm : alarms) {
            assertTrue(String.valueOf(alarm.get("AlarmActions")).contains("AlarmsTopic"), "every alarm notifies the topic");
        }
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "ops@example.com"));
    }

    @Test
    void everyLogGroupExpires() {
        List<Map<String, Object>> groups = ofType("AWS::Logs::LogGroup");
        assertTrue(groups.size() >= InboundRoute.ALL.size() + 4, "a group per function and the realtime service");
        for (Map<String, Object> group : groups) {
            assertEquals(30, ((Number) group.get("RetentionInDays")).intValue(), String.valueOf(group.get("LogGroupName")));
        }
        for (Map<String, Object> function : ofType("AWS::Lambda::Function")) {
            if (String.valueOf(function.get("FunctionName")).startsWith("hookgate-test-")) {
                assertTrue(function.containsKey("LoggingConfig"), function.get("FunctionName") + " logs to its own group");
            }
        }
    }

    // --- template helpers

    private static String functionBehind(String routeKey) {
        String route = logicalIdWhere("AWS::ApiGatewayV2::Route", p -> routeKey.equals(p.get("RouteKey")));
        String target = String.valueOf(props(route).get("Target"));
        String integration = resources.keySet().stream().filter(target::contains)
                .filter(id -> "AWS::ApiGatewayV2::Integration".equals(resources.get(id).get("Type"))).findFirst().orElseThrow();
        String uri = String.valueOf(props(integration).get("IntegrationUri"));
        return resources.keySet().stream().filter(id -> "AWS::Lambda::Function".equals(resources.get(id).get("Type")))
                .filter(id -> uri.contains("[" + id + ",")).findFirst().orElseThrow(() -> new AssertionError(uri));
    }

    private static String functionNamed(String name) {
        return logicalIdWhere("AWS::Lambda::Function", p -> name.equals(p.get("FunctionName")));
    }

    private static String logicalIdWhere(String type, java.util.function.Predicate<Map<String, Object>> test) {
        List<String> ids = resources.entrySet().stream()
                .filter(e -> type.equals(e.getValue().get("Type")) && test.test(propsOf(e.getValue())))
                .map(Map.Entry::getKey).toList();
        assertEquals(1, ids.size(), type + " matches: " + ids);
        return ids.getFirst();
    }

    private static List<Map<String, Object>> ofType(String type) {
        return resources.values().stream().filter(r -> type.equals(r.get("Type"))).map(HookgateStackTest::propsOf).toList();
    }

    private static Map<String, Object> props(String logicalId) {
        return propsOf(resources.get(logicalId));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> propsOf(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }
}
