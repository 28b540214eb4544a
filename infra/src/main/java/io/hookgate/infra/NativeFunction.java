package io.hookgate.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Quarkus native function: the {@code bootstrap} executable of a native-build.sh zip on {@code provided.al2023},
 * x86_64 (the architecture the native build runs on; an arm64 deployment needs an arm64 build host), inside the VPC
 * so it reaches RDS Proxy, with its own log group. With a collector layer (hookgate:tracingLayerArn) it is traced: the
 * layer's collector receives its spans on localhost and sends them to X-Ray, and Lambda's own segments join them.
 */
public record NativeFunction(String name, String artifact, int memoryMb, Duration timeout, Map<String, String> environment,
                             Optional<String> collectorLayerArn) {

    public static final RetentionDays LOG_RETENTION = RetentionDays.ONE_MONTH;

    public Function create(Construct scope, String id, IVpc vpc, ISecurityGroup securityGroup, Integer reservedConcurrency) {
        LogGroup logs = LogGroup.Builder.create(scope, id + "Logs")
                .logGroupName("/aws/lambda/" + name)
                .retention(LOG_RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Function.Builder function = Function.Builder.create(scope, id)
                .functionName(name)
                .runtime(Runtime.PROVIDED_AL2023)
                .architecture(Architecture.X86_64)
                // A custom runtime runs the zip's bootstrap; the handler is not read (as Quarkus's own SAM files say).
                .handler("not.used.in.provided.runtime")
                .code(Code.fromAsset(artifact))
                .memorySize(memoryMb)
                .timeout(timeout)
                .environment(environment)
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PRIVATE_WITH_EGRESS).build())
                .securityGroups(List.of(securityGroup))
                .reservedConcurrentExecutions(reservedConcurrency)
                .tracing(collectorLayerArn.isPresent() ? Tracing.ACTIVE : Tracing.DISABLED)
                .logGroup(logs);
        collectorLayerArn.ifPresent(arn -> function.layers(List.of(LayerVersion.fromLayerVersionArn(scope, id + "Collector", arn))));
        return function.build();
    }
}
