package io.hookgate.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.logs.LogGroup;
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

    private final DeploySettings settings;
    private final String prefix;
    private final Vpc vpc;
    private final Queues queues;
    private final Database database;
    private final ISecret appSecret;
    private final Alarms alarms;
    private final HttpApi api;
    /** Configuration every deployable reads: queues and the operator's extra settings. */
    private final Map<String, String> common = new HashMap<>();
    /** {@link #common} plus what every function reads: keys and the datasource through RDS Proxy. */
    private final Map<String, String> functionEnvironment = new HashMap<>();
    private final List<Function> functions = new ArrayList<>();
    private Trigger migration;

    public HookgateStack(Construct scope, String id, StackProps props, DeploySettings settings) {
        super(scope, id, props);
        this.settings = settings;
        this.prefix = "hookgate-" + settings.stage() + "-";
        vpc = Vpc.Builder.create(this, "Network")
                .maxAzs(2)
                // One NAT gateway: outbound deliveries and AWS APIs leave through it (docs/deploy.md, cost notes).
                .natGateways(1)
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder().name("public").subnetType(SubnetType.PUBLIC).cidrMask(24).build(),
                        SubnetConfiguration.builder().name("app").subnetType(SubnetType.PRIVATE_WITH_EGRESS).cidrMask(22).build(),
                        SubnetConfiguration.builder().name("data").subnetType(SubnetType.PRIVATE_ISOLATED).cidrMask(24).build()))
                .build();
        queues = new Queues(this, "Queues", settings.stage());
        database = new Database(this, "Database", vpc);
        appSecret = Secret.fromSecretCompleteArn(this, "AppSecret", settings.appSecretArn());
        alarms = new Alarms(this, "Alarms", settings.stage(), settings.alarmEmail());
        api = HttpApi.Builder.create(this, "Api").apiName(prefix + "api")
                .description("Hookgate inbound webhooks (/api/webhook/**), admin API (/api/v1/**) and the seeds' management routes").build();

        limitAndLogTheApi();

        common.putAll(queues.environment());
        if (settings.tracingLayerArn().isPresent()) {
            // Spans go to the collector beside each deployable (the functions' layer, the realtime task's sidecar).
            common.put("QUARKUS_OTEL_SDK_DISABLED", "false");
            common.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://localhost:4317");
        }
        // secret:<field> values pass as they are: each deployable reads the field from the app secret when it starts
        common.putAll(settings.environment());
        common.put("HOOKGATE_SECRETS_APP_SECRET_ARN", settings.appSecretArn());
        // Read by nobody: changing it (hookgate:secretsVersion) starts new instances, which read the secrets anew.
        common.put("HOOKGATE_SECRETS_VERSION", settings.secretsVersion());
        functionEnvironment.putAll(common);
        functionEnvironment.put("HOOKGATE_CRYPTO_SECRET_KEY", secret("cryptoKey"));
        functionEnvironment.putAll(database.proxyEnvironment());
        functionEnvironment.put("QUARKUS_DATASOURCE_REACTIVE_MAX_SIZE", Integer.toString(POOL_PER_INSTANCE));

        InboundRoute.ALL.forEach(this::addInboundFunction);
        addAdminFunction();
        addDeliveryFunction();
        addMigrationBeforeFunctions();
        RealtimeService realtime = addRealtimeService();
        // The realtime service reads the schema too (and runs the reconciler): it also waits for the migration.
        migration.executeBefore(realtime.service());
        addQueueAlarms();
        alarms.apiServerErrors(prefix + "api", api);
        alarms.databaseCapacity(prefix + "database", database.cluster(), Database.MAX_CAPACITY);
        alarms.proxyHealth(prefix + "database", database.proxy());

        CfnOutput.Builder.create(this, "ApiUrl").value(api.getApiEndpoint()).description("Inbound webhooks and admin API").build();
        boolean tls = settings.certificateArn().isPresent() || settings.realtimeDomain().isPresent();
        String host = settings.realtimeDomain().map(DeploySettings.RealtimeDomain::name)
                .orElse(realtime.service().getLoadBalancer().getLoadBalancerDnsName());
        CfnOutput.Builder.create(this, "RealtimeUrl").value((tls ? "wss://" : "ws://") + host + "/ws")
                .description(tls ? "Realtime WebSocket service" : "Realtime WebSocket service, UNENCRYPTED: set hookgate:realtimeDomain "
                        + "(docs/deploy.md) for wss://").build();
        CfnOutput.Builder.create(this, "AlarmTopic").value(alarms.topic().getTopicArn()).build();
    }

    /** One function per inbound route, all from the ingest zip, each with its own concurrency and alarm. */
    private void addInboundFunction(InboundRoute route) {
        Map<String, String> environment = new HashMap<>(functionEnvironment);
        environment.put("HOOKGATE_INGEST_CCPAYMENT_SECRET", secret("ccpaymentSecret"));
        // The route answers WEBHOOK_006 after hookgate.ingest.processing-timeout (10 s); the function timeout is the backstop.
        Function function = function("ingest-" + route.name(), "ingest.zip", 256, Duration.seconds(15), environment,
                settings.ingestConcurrency().orElse(null));
        queues.events().grantSendMessages(function);
        route(HttpMethod.POST, route.path(), new HttpLambdaIntegration("Ingest-" + route.name() + "-Integration", function));
    }

    private void addAdminFunction() {
        Map<String, String> environment = new HashMap<>(functionEnvironment);
        environment.put("HOOKGATE_ADMIN_BOOTSTRAP_KEY", secret("adminBootstrapKey"));
        // The admin issues realtime tokens; no other function is given their key.
        environment.put("HOOKGATE_REALTIME_TOKEN_SECRET", secret("realtimeTokenSecret"));
        // Nothing scrapes a Lambda's Prometheus endpoint; CloudWatch alarms watch the queues instead.
        environment.put("HOOKGATE_ADMIN_METRICS_REFRESH", "0s");
        Function admin = function("admin", "admin.zip", 512, Duration.seconds(30), environment, null);
        queues.events().grantSendMessages(admin);
        queues.deliveries().grantSendMessages(admin);
        HttpLambdaIntegration integration = new HttpLambdaIntegration("Admin-Integration", admin);
        route(HttpMethod.ANY, "/api/v1/{proxy+}", integration);
        route(HttpMethod.GET, "/q/openapi", integration);
        // The dashboard: static files of the admin function (docs/dashboard.md); /dashboard redirects to its index page.
        route(HttpMethod.GET, "/dashboard", integration);
        route(HttpMethod.GET, "/dashboard/{proxy+}", integration);
        route(HttpMethod.GET, "/admin/webhooks", integration);   // seed 002's dashboard address, sent to the dashboard
        // Seed 000's admin notification sends live under /api/webhook but are admin calls (admin key, admin function).
        for (String channel : List.of("discord", "email", "telegram")) {
            route(HttpMethod.POST, "/api/webhook/" + channel + "/send", integration);
        }
        // The seeds' own management routes (seed 000's /api/admin/webhooks, seed 002's /api/webhooks, seed 004's
        // /api/webhooks/endpoints): the same admin function as /api/v1.
        for (String base : SEED_ADMIN_ROUTES) {
            route(HttpMethod.ANY, base, integration);
            route(HttpMethod.ANY, base + "/{proxy+}", integration);
        }
    }

    /** The seeds' endpoint-management bases that the admin function serves beside /api/v1. */
    static final List<String> SEED_ADMIN_ROUTES = List.of("/api/admin/webhooks", "/api/webhooks");

    /**
     * The delivery function is capped: its reserved concurrency is {@code hookgate:deliveryConcurrency}, and its three
     * queue mappings' maximum concurrency adds up to exactly that, so a backlog can neither take the account's
     * concurrency (and starve the inbound routes) nor be throttled (a throttled batch would spend its messages'
     * receives). Each instance holds at most {@link #POOL_PER_INSTANCE} connections to RDS Proxy.
     */
    private void addDeliveryFunction() {
        int total = settings.deliveryConcurrency();
        if (total < 6) {
            throw new IllegalArgumentException("hookgate:deliveryConcurrency must be at least 6 (2 per queue mapping): " + total);
        }
        int fanOut = Math.max(2, total / 5);
        int slow = Math.max(2, total / 5);
        int deliveries = total - fanOut - slow;
        Function delivery = function("delivery", "delivery.zip", 512, Queues.DELIVERY_FUNCTION_TIMEOUT, functionEnvironment, total);
        delivery.addEventSource(SqsEventSource.Builder.create(queues.events())
                .batchSize(10).maxBatchingWindow(Duration.seconds(1)).maxConcurrency(fanOut).reportBatchItemFailures(true).build());
        delivery.addEventSource(SqsEventSource.Builder.create(queues.deliveries())
                .batchSize(10).maxBatchingWindow(Duration.seconds(1)).maxConcurrency(deliveries).reportBatchItemFailures(true).build());
        // Slow endpoints get few concurrent pollers, so they cannot hold many instances (and connections) at once.
        delivery.addEventSource(SqsEventSource.Builder.create(queues.slowDeliveries())
                .batchSize(5).maxBatchingWindow(Duration.seconds(5)).maxConcurrency(slow).reportBatchItemFailures(true).build());
        queues.events().grantSendMessages(delivery);
        queues.deliveries().grantSendMessages(delivery);
        queues.slowDeliveries().grantSendMessages(delivery);
    }

    /** Reactive pool size of one function instance: it serves one invocation at a time. */
    static final int POOL_PER_INSTANCE = 4;

    /**
     * Flyway at deploy: the delivery zip started with migrate-at-start and invoked once (no records) by a trigger
     * whenever its code changes, after the database and before any function that might need the new schema.
     */
    private void addMigrationBeforeFunctions() {
        Map<String, String> environment = new HashMap<>(functionEnvironment);
        environment.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        // The one deployable that connects as the owner: it migrates, then keeps the application role.
        environment.putAll(database.migrationEnvironment());
        Function migrate = new NativeFunction(prefix + "migrate", settings.artifact("delivery.zip"), 512, Duration.minutes(5), environment,
                settings.tracingLayerArn())
                .create(this, "Migrate", vpc, database.proxyClients(), null);
        mayReadSecrets(migrate);
        database.ownerSecret().grantRead(migrate);
        migration = Trigger.Builder.create(this, "MigrateOnDeploy")
                .handler(migrate)
                .executeOnHandlerChange(true)
                .executeAfter(List.of(database.proxy(), database.cluster()))
                .timeout(Duration.minutes(5))
                .build();
        functions.forEach(migration::executeBefore);
    }

    private RealtimeService addRealtimeService() {
        // The realtime container gets its secrets as ECS secrets (RealtimeService), not as plain environment.
        Map<String, String> environment = new HashMap<>(common);
        environment.putAll(database.directEnvironment());
        // The one always-running deployable runs the reconciler: it re-sends fan-out messages and rings doorbells.
        environment.put("HOOKGATE_RECONCILER_EVERY", Queues.RECONCILE_EVERY);
        RealtimeService realtime = new RealtimeService(this, "Realtime", settings, vpc, database, environment, appSecret);
        var taskRole = realtime.service().getTaskDefinition().getTaskRole();
        appSecret.grantRead(taskRole);   // secret:<field> values of hookgate:environment
        queues.events().grantSendMessages(taskRole);
        queues.deliveries().grantSendMessages(taskRole);
        queues.slowDeliveries().grantSendMessages(taskRole);
        alarms.unhealthyRealtime(realtime);
        return realtime;
    }

    private void addQueueAlarms() {
        alarms.deadLetters(prefix + "dlq", queues.deadLetters());
        alarms.oldestMessage("Events", prefix + "events", queues.events(), Duration.minutes(5));
        // A doorbell is delayed at most 15 minutes (retries wait in the delivery row), so an older one means a backlog.
        alarms.oldestMessage("Deliveries", prefix + "deliveries", queues.deliveries(), Duration.minutes(30));
        alarms.oldestMessage("SlowDeliveries", prefix + "deliveries-slow", queues.slowDeliveries(), Duration.minutes(30));
    }

    /** A native function of this stage in the VPC, reaching the database through RDS Proxy, with its error-rate alarm. */
    private Function function(String name, String zip, int memoryMb, Duration timeout, Map<String, String> environment,
                              Integer reservedConcurrency) {
        String id = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        Function function = new NativeFunction(prefix + name, settings.artifact(zip), memoryMb, timeout, environment, settings.tracingLayerArn())
                .create(this, id, vpc, database.proxyClients(), reservedConcurrency);
        mayReadSecrets(function);
        alarms.errorRate(name, prefix + name, function);
        alarms.throttles(name, prefix + name, function);
        alarms.slowInvocations(name, prefix + name, function, timeout);
        functions.add(function);
        return function;
    }

    /**
     * The HTTP API's default stage: every route throttled ({@code hookgate:apiRateLimit} per second, bursts of
     * {@code hookgate:apiBurstLimit}; API Gateway answers 429 beyond), and an access log line per request in JSON.
     */
    private void limitAndLogTheApi() {
        LogGroup accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs")
                .logGroupName("/hookgate/" + settings.stage() + "/api-access")
                .retention(NativeFunction.LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        CfnStage stage = (CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        stage.setDefaultRouteSettings(CfnStage.RouteSettingsProperty.builder()
                .throttlingRateLimit(settings.apiRateLimit())
                .throttlingBurstLimit(settings.apiBurstLimit())
                .build());
        stage.setAccessLogSettings(CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"time\":\"$context.requestTime\","
                        + "\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\",\"latencyMs\":\"$context.responseLatency\","
                        + "\"integrationError\":\"$context.integrationErrorMessage\"}")
                .build());
    }

    /** The secrets a function resolves at start: the app secret's fields and the application role's password. */
    private void mayReadSecrets(Function function) {
        appSecret.grantRead(function);
        database.appRoleSecret().grantRead(function);
    }

    private void route(HttpMethod method, String path, HttpLambdaIntegration integration) {
        api.addRoutes(AddRoutesOptions.builder().path(path).methods(List.of(method)).integration(integration).build());
    }

    /**
     * A reference to a field of the app secret, which the deployable resolves when it starts (core
     * secrets.SecretReferences): no function's configuration holds the value, only its role may read it.
     */
    private static String secret(String field) {
        return DeploySettings.SECRET_PREFIX + field;
    }
}
