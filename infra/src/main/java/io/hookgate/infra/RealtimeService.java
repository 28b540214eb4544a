package io.hookgate.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.route53.HostedZone;
import software.amazon.awscdk.services.route53.HostedZoneAttributes;
import software.amazon.awscdk.services.route53.IHostedZone;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedFargateService;
import software.amazon.awscdk.services.ecs.patterns.ApplicationLoadBalancedTaskImageOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationActionProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;

/**
 * The realtime WebSocket service: its native executable in a container (native-build.sh writes the Dockerfile) on
 * ECS Fargate behind an Application Load Balancer, which passes WebSocket upgrades through. The idle timeout is
 * above the service's ping interval, so quiet sockets stay open.
 */
public final class RealtimeService extends Construct {

    public static final int PORT = 8080;
    public static final Duration IDLE_TIMEOUT = Duration.seconds(120);

    private final ApplicationLoadBalancedFargateService service;

    public RealtimeService(Construct scope, String id, DeploySettings settings, IVpc vpc, Database database,
                           Map<String, String> environment, ISecret appSecret) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/hookgate/" + settings.stage() + "/realtime")
                .retention(NativeFunction.LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        var builder = ApplicationLoadBalancedFargateService.Builder.create(this, "Service")
                .serviceName("hookgate-" + settings.stage() + "-realtime")
                .cluster(Cluster.Builder.create(this, "Cluster").vpc(vpc).build())
                .cpu(256)
                .memoryLimitMiB(512)
                .desiredCount(settings.realtimeTasks())
                // Deploys start new tasks before stopping old ones: connected sockets move over, capacity never drops.
                .minHealthyPercent(100)
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .publicLoadBalancer(true)
                .idleTimeout(IDLE_TIMEOUT)
                .securityGroups(List.of(database.directClients()))
                .circuitBreaker(software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker.builder().rollback(true).build())
                .taskImageOptions(ApplicationLoadBalancedTaskImageOptions.builder()
                        .image(ContainerImage.fromAsset(settings.artifact("realtime")))
                        .containerPort(PORT)
                        .environment(environment)
                        .secrets(Map.of(
                                "QUARKUS_DATASOURCE_PASSWORD", Secret.fromSecretsManager(database.appRoleSecret(), "password"),
                                "HOOKGATE_CRYPTO_SECRET_KEY", Secret.fromSecretsManager(appSecret, "cryptoKey"),
                                "HOOKGATE_REALTIME_TOKEN_SECRET", Secret.fromSecretsManager(appSecret, "realtimeTokenSecret")))
                        .logDriver(LogDriver.awsLogs(software.amazon.awscdk.services.ecs.AwsLogDriverProps.builder()
                                .logGroup(logs).streamPrefix("realtime").build()))
                        .build());
        settings.realtimeDomain().ifPresent(domain -> {
            // Its own DNS name (an alias record to the load balancer), and so a certificate that matches it.
            IHostedZone zone = HostedZone.fromHostedZoneAttributes(this, "Zone", HostedZoneAttributes.builder()
                    .hostedZoneId(domain.hostedZoneId()).zoneName(domain.hostedZoneName()).build());
            builder.domainName(domain.name()).domainZone(zone);
            if (settings.certificateArn().isEmpty()) {
                builder.protocol(ApplicationProtocol.HTTPS).redirectHttp(true)
                        .certificate(Certificate.Builder.create(this, "Certificate").domainName(domain.name())
                                .validation(CertificateValidation.fromDns(zone)).build());
            }
        });
        settings.certificateArn().ifPresent(arn -> builder
                .protocol(ApplicationProtocol.HTTPS)
                .redirectHttp(true)
                .certificate(Certificate.fromCertificateArn(this, "Certificate", arn)));
        service = builder.build();
        // /q/health and /q/metrics are for the load balancer's own checks (made to the tasks directly) and operators,
        // not for the internet: the public listener answers 404 for /q/*.
        service.getListener().addAction("HideOperations", AddApplicationActionProps.builder()
                .priority(10)
                .conditions(List.of(ListenerCondition.pathPatterns(List.of("/q/*"))))
                .action(ListenerAction.fixedResponse(404, FixedResponseOptions.builder()
                        .contentType("text/plain").messageBody("Not Found").build()))
                .build());
        settings.tracingLayerArn().ifPresent(tracing -> addCollector(service, logs));
        service.getTargetGroup().configureHealthCheck(HealthCheck.builder()
                .path("/q/health/ready")
                .healthyHttpCodes("200")
                .interval(Duration.seconds(15))
                .build());
    }

    /**
     * Tracing on: an AWS Distro for OpenTelemetry collector beside the service (its default ECS configuration receives
     * OTLP on localhost:4317 and sends to X-Ray). Not essential: the service keeps running if the collector stops.
     */
    private static void addCollector(ApplicationLoadBalancedFargateService service, LogGroup logs) {
        var task = service.getTaskDefinition();
        task.addContainer("Collector", software.amazon.awscdk.services.ecs.ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromRegistry(COLLECTOR_IMAGE))
                .command(List.of("--config=/etc/ecs/ecs-default-config.yaml"))
                .essential(false)
                .memoryReservationMiB(64)
                .logging(LogDriver.awsLogs(software.amazon.awscdk.services.ecs.AwsLogDriverProps.builder()
                        .logGroup(logs).streamPrefix("collector").build()))
                .build());
        task.getTaskRole().addManagedPolicy(software.amazon.awscdk.services.iam.ManagedPolicy.fromAwsManagedPolicyName("AWSXRayDaemonWriteAccess"));
    }

    /** The ADOT collector image (AWS's public gallery). */
    static final String COLLECTOR_IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:latest";

    public ApplicationLoadBalancedFargateService service() {
        return service;
    }
}
