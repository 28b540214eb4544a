package io.hookgate.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.triggers.Trigger;
import software.constructs.Construct;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hookgate on AWS: an HTTP API in front of one function per inbound route and one admin function; the delivery
 * function on the events, deliveries and slow-deliveries queues; Aurora Serverless v2 behind RDS Proxy, migrated by
 * Flyway at every deploy that changes the code; the realtime service on Fargate; alarms on queues and functions.
 */
public class HookgateStack extends Stack {

    private final Map<String, Function> functions = new HashMap<>();
    private final String prefix;

    public HookgateStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);
        String stage = settings.stage();
        prefix = "hookgate-" + stage + "-";

        Vpc vpc = Vpc.Builder.create(this, "Network")
                .maxAzs(2)
                // One NAT gateway: outbound deliveries and AWS APIs leave through it (docs/deploy.md, cost notes).
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(22).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        Queues queues = new Queues(this, "Queues", stage);
        Database database = new Database(this, "Database", vpc);
        ISecret appSecret = Secret.fromSecretNameV2(this, "AppSecret", settings.appSecretName());
        Alarms alarms = new Alarms(this, "Alarms", stage, settings.alarmEmail());

        Map<String, String> common = new HashMap<>(queues.environment());
        settings.environment().forEach((name, value) -> common.put(name, value.startsWith(DeploySettings.SECRET_PREFIX)
                ? appSecret.secretValueFromJson(value.substring(DeploySettings.SECRET_PREFIX.length())).unsafeUnwrap()
                : value));
        Map<String, String> functionEnvironment = new HashMap<>(common);
        functionEnvironment.put("HOOKGATE_CRYPTO_SECRET_KEY", appSecret.secretValueFromJson("cryptoKey").unsafeUnwrap());
        functionEnvironment.put("HOOKGATE_REALTIME_TOKEN_SECRET", appSecret.secretValueFromJson("realtimeTokenSecret").unsafeUnwrap());
        functionEnvironment.putAll(database.proxyEnvironment());

        HttpApi api = HttpApi.Builder.create(this, "Api").apiName(prefix + "api")
                .description("Hookgate inbound webhooks (/api/webhook/**) and admin API (/api/v1/**)").build();

        String ingestZip = settings.artifact("ingest.zip");
        for (InboundRoute route : InboundRoute.ALL) {
            Map<String, String> environment = new HashMap<>(functionEnvironment);
            environment.put("HOOKGATE_INGEST_CCPAYMENT_SECRET", appSecret.secretValueFromJson("ccpaymentSecret").unsafeUnwrap());
            Function function = new NativeFunction(prefix + "ingest-" + route.name(), ingestZip, 256,
                    // The route answers WEBHOOK_006 after hookgate.ingest.processing-timeout (10 s); this is the backstop.
                    Duration.seconds(15), environment)
                    .create(this, "Ingest-" + route.name(), vpc, database.proxyClients(), settings.ingestConcurrency().orElse(null));
            queues.events().grantSendMessages(function);
            api.addRoutes(AddRoutesOptions.builder().path(route.path()).methods(List.of(HttpMethod.POST))
                    .integration(new HttpLambdaIntegration("Ingest-" + route.name() + "-Integration", function)).build());
            add("ingest-" + route.name(), function, alarms);
        }

        Map<String, String> adminEnvironment = new HashMap<>(functionEnvironment);
        adminEnvironment.put("HOOKGATE_ADMIN_BOOTSTRAP_KEY", appSecret.secretValueFromJson("adminBootstrapKey").unsafeUnwrap());
        // Nothing scrapes a Lambda's Prometheus endpoint; CloudWatch alarms watch the queues instead.
        adminEnvironment.put("HOOKGATE_ADMIN_METRICS_REFRESH", "0s");
        Function admin = new NativeFunction(prefix + "admin", settings.artifact("admin.zip"), 512, Duration.seconds(30), adminEnvironment)
                .create(this, "Admin", vpc, database.proxyClients(), null);
        queues.events().grantSendMessages(admin);
        queues.deliveries().grantSendMessages(admin);
        HttpLambdaIntegration adminIntegration = new HttpLambdaIntegration("Admin-Integration", admin);
        api.addRoutes(AddRoutesOptions.builder().path("/api/v1/{proxy+}").methods(List.of(HttpMethod.ANY)).integration(adminIntegration).build());
        api.addRoutes(AddRoutesOptions.builder().path("/q/openapi").methods(List.of(HttpMethod.GET)).integration(adminIntegration).build());
        // Seed 000's admin notification sends live under /api/webhook but are admin calls (admin key, admin function).
        for (String channel : List.of("discord", "email", "telegram")) {
            api.addRoutes(AddRoutesOptions.builder().path("/api/webhook/" + channel + "/send").methods(List.of(HttpMethod.POST))
                    .integration(adminIntegration).build());
        }
        add("admin", admin, alarms);

        String deliveryZip = settings.artifact("delivery.zip");
        Function delivery = new NativeFunction(prefix + "delivery", deliveryZip, 512, Queues.DELIVERY_FUNCTION_TIMEOUT, functionEnvironment)
                .create(this, "Delivery", vpc, database.proxyClients(), null);
        delivery.addEventSource(SqsEventSource.Builder.create(queues.events())
                .batchSize(10).maxBatchingWindow(Duration.seconds(1)).reportBatchItemFailures(true).build());
        delivery.addEventSource(SqsEventSource.Builder.create(queues.deliveries())
                .batchSize(10).maxBatchingWindow(Duration.seconds(1)).reportBatchItemFailures(true).build());
        // Slow endpoints get few concurrent pollers, so they cannot hold many instances (and connections) at once.
        delivery.addEventSource(SqsEventSource.Builder.create(queues.slowDeliveries())
                .batchSize(5).maxBatchingWindow(Duration.seconds(5)).maxConcurrency(5).reportBatchItemFailures(true).build());
        queues.events().grantSendMessages(delivery);
        queues.deliveries().grantSendMessages(delivery);
        queues.slowDeliveries().grantSendMessages(delivery);
        add("delivery", delivery, alarms);

        // Flyway at deploy: the delivery artifact started with migrate-at-start, invoked once (no records) by a trigger
        // whenever its code changes, before any function that might need the new schema is updated.
        Map<String, String> migrationEnvironment = new HashMap<>(functionEnvironment);
        migrationEnvironment.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        Function migration = new NativeFunction(prefix + "migrate", deliveryZip, 512, Duration.minutes(5), migrationEnvironment)
                .create(this, "Migrate", vpc, database.proxyClients(), null);
        Trigger migrate = Trigger.Builder.create(this, "MigrateOnDeploy")
                .handler(migration)
                .executeOnHandlerChange(true)
                .executeAfter(List.of(database.proxy(), database.cluster()))
                .timeout(Duration.minutes(5))
                .build();
        functions.values().forEach(function -> migrate.executeBefore(function));

        // The realtime container gets its secrets as ECS secrets (RealtimeService), not as plain environment.
        Map<String, String> realtimeEnvironment = new HashMap<>(common);
        realtimeEnvironment.putAll(database.directEnvironment());
        RealtimeService realtime = new RealtimeService(this, "Realtime", settings, vpc, database, realtimeEnvironment, appSecret);
        queues.events().grantSendMessages(realtime.service().getTaskDefinition().getTaskRole());
        alarms.unhealthyRealtime(realtime);

        alarms.deadLetters(prefix + "dlq", queues.deadLetters());
        alarms.oldestMessage("Events", prefix + "events", queues.events(), Duration.minutes(5));
        // Retries wait in the queue for up to 10 hours (the retry schedule), so only a much older message is stuck.
        alarms.oldestMessage("Deliveries", prefix + "deliveries", queues.deliveries(), Duration.hours(13));
        alarms.oldestMessage("SlowDeliveries", prefix + "deliveries-slow", queues.slowDeliveries(), Duration.hours(13));

        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).description("Inbound webhooks and admin API").build();
        CfnOutput.Builder.create(this, "RealtimeUrl").value(realtime.service().getLoadBalancer().getLoadBalancerDnsName())
                .description("Realtime WebSocket service: ws(s)://<this>/ws").build();
        CfnOutput.Builder.create(this, "AlarmTopic").value(alarms.topic().getTopicArn()).build();
    }

    private void add(String name, Function function, Alarms alarms) {
        functions.put(name, function);
        alarms.errorRate(name, prefix + name, function);
    }
}
