package io.hookgate.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.constructs.Construct;

import java.util.Map;
import java.util.Optional;

/** CloudWatch alarms, all notifying one SNS topic (subscribe an address with {@code hookgate:alarmEmail}). */
public final class Alarms extends Construct {

    /** A function alarms when more than this share of its invocations fail, over three 5-minute periods. */
    public static final double ERROR_RATE_PERCENT = 5;

    private final String stage;
    private final Topic topic;

    public Alarms(Construct scope, String id, String stage, Optional<String> email) {
        super(scope, id);
        this.stage = stage;
        topic = Topic.Builder.create(this, "Topic").topicName("hookgate-" + stage + "-alarms").build();
        email.ifPresent(address -> topic.addSubscription(new EmailSubscription(address)));
    }

    /** Anything in the dead-letter queue needs a look: SQS gave up on it. */
    public void deadLetters(String queueName, Queue queue) {
        notify(queue.metricApproximateNumberOfMessagesVisible(period(Duration.minutes(1))).createAlarm(this, "DeadLetterDepth",
                CreateAlarmOptions.builder()
                        .alarmName(queueName + "-depth")
                        .alarmDescription("Messages reached the dead-letter queue; see docs/deploy.md (redrive)")
                        .threshold(1)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .evaluationPeriods(1)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build()));
    }

    /** A queue whose oldest message is older than {@code maxAge}: consumers are failing or falling behind. */
    public void oldestMessage(String id, String queueName, Queue queue, Duration maxAge) {
        notify(queue.metricApproximateAgeOfOldestMessage(period(Duration.minutes(5))).createAlarm(this, id + "OldestMessage",
                CreateAlarmOptions.builder()
                        .alarmName(queueName + "-oldest-message")
                        .alarmDescription("The oldest message of " + id + " is older than " + maxAge.toSeconds() + " s")
                        .threshold(maxAge.toSeconds())
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(2)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build()));
    }

    /** Error rate (errors / invocations) of one function. */
    public void errorRate(String id, String functionName, Function function) {
        MathExpression rate = MathExpression.Builder.create()
                .expression("IF(invocations > 0, 100 * errors / invocations, 0)")
                .usingMetrics(Map.of(
                        "errors", function.metricErrors(period(Duration.minutes(5))),
                        "invocations", function.metricInvocations(period(Duration.minutes(5)))))
                .period(Duration.minutes(5))
                .label(id + " error rate (%)")
                .build();
        notify(rate.createAlarm(this, id + "ErrorRate", CreateAlarmOptions.builder()
                .alarmName(functionName + "-error-rate")
                .alarmDescription("More than " + ERROR_RATE_PERCENT + "% of invocations failed")
                .threshold(ERROR_RATE_PERCENT)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()));
    }

    /** Any throttled invocation: a function hit its reserved concurrency or the account's (inbound calls get 429s). */
    public void throttles(String id, String functionName, Function function) {
        notify(function.metricThrottles(sum(Duration.minutes(1))).createAlarm(this, id + "Throttles", CreateAlarmOptions.builder()
                .alarmName(functionName + "-throttles")
                .alarmDescription("Invocations of " + functionName + " were throttled")
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()));
    }

    /** The p99 duration above 80% of the timeout: the next slowdown turns into timeouts. */
    public void slowInvocations(String id, String functionName, Function function, Duration timeout) {
        notify(function.metricDuration(MetricOptions.builder().period(Duration.minutes(5)).statistic("p99").build())
                .createAlarm(this, id + "Duration", CreateAlarmOptions.builder()
                        .alarmName(functionName + "-duration-p99")
                        .alarmDescription("p99 duration of " + functionName + " is above 80% of its " + timeout.toSeconds() + " s timeout")
                        .threshold(timeout.toMilliseconds().doubleValue() * 0.8)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(3)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build()));
    }

    /** 5xx answers of the HTTP API (functions failing or timing out behind it). */
    public void apiServerErrors(String name, HttpApi api) {
        notify(api.metricServerError(sum(Duration.minutes(5))).createAlarm(this, "Api5xx", CreateAlarmOptions.builder()
                .alarmName(name + "-5xx")
                .alarmDescription("The HTTP API answered 5xx at least 10 times in 5 minutes")
                .threshold(10)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()));
    }

    /** Aurora Serverless v2 at 90% of its ceiling for 15 minutes: it cannot grow further. */
    public void databaseCapacity(String name, DatabaseCluster cluster, double maxCapacity) {
        notify(cluster.metricServerlessDatabaseCapacity(period(Duration.minutes(5))).createAlarm(this, "DatabaseCapacity",
                CreateAlarmOptions.builder()
                        .alarmName(name + "-capacity")
                        .alarmDescription("Aurora runs at 90% of its " + maxCapacity + " ACU ceiling")
                        .threshold(maxCapacity * 0.9)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .evaluationPeriods(3)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build()));
        notify(cluster.metricCPUUtilization(period(Duration.minutes(5))).createAlarm(this, "DatabaseCpu", CreateAlarmOptions.builder()
                .alarmName(name + "-cpu")
                .alarmDescription("Aurora CPU above 80%")
                .threshold(80)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()));
    }

    /**
     * RDS Proxy: its target (the Aurora writer) unavailable, or sessions pinned. Functions turn named prepared
     * statements off so the proxy can multiplex their connections (Database.proxyEnvironment); a pinned session means
     * something reintroduced session state, and the proxy's connection budget then runs out under load.
     */
    public void proxyHealth(String name, DatabaseProxy proxy) {
        Metric availability = Metric.Builder.create().namespace("AWS/RDS").metricName("AvailabilityPercentage")
                .dimensionsMap(Map.of("ProxyName", proxy.getDbProxyName(), "TargetGroup", "default", "TargetRole", "READ_WRITE"))
                .statistic("Minimum").period(Duration.minutes(1)).build();
        notify(availability.createAlarm(this, "ProxyAvailability", CreateAlarmOptions.builder()
                .alarmName(name + "-proxy-availability")
                .alarmDescription("RDS Proxy's target (the Aurora writer) was unavailable")
                .threshold(100)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()));
        Metric pinned = Metric.Builder.create().namespace("AWS/RDS").metricName("DatabaseConnectionsCurrentlySessionPinned")
                .dimensionsMap(Map.of("ProxyName", proxy.getDbProxyName()))
                .statistic("Maximum").period(Duration.minutes(5)).build();
        notify(pinned.createAlarm(this, "ProxyPinned", CreateAlarmOptions.builder()
                .alarmName(name + "-proxy-pinned-sessions")
                .alarmDescription("RDS Proxy pins sessions: a client keeps session state (prepared statements, SET, temp tables)")
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build()));
    }

    /** Realtime tasks failing the load balancer's health check. */
    public void unhealthyRealtime(RealtimeService realtime) {
        notify(realtime.service().getTargetGroup().getMetrics().unhealthyHostCount(period(Duration.minutes(1)))
                .createAlarm(this, "RealtimeUnhealthy", CreateAlarmOptions.builder()
                        .alarmName("hookgate-" + stage + "-realtime-unhealthy-tasks")
                        .alarmDescription("A realtime task fails its health check")
                        .threshold(1)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                        .evaluationPeriods(3)
                        .treatMissingData(TreatMissingData.NOT_BREACHING)
                        .build()));
    }

    private void notify(Alarm alarm) {
        alarm.addAlarmAction(new SnsAction(topic));
    }

    private static MetricOptions sum(Duration period) {
        return MetricOptions.builder().period(period).statistic("Sum").build();
    }

    private static MetricOptions period(Duration period) {
        return MetricOptions.builder().period(period).build();
    }

    public Topic topic() {
        return topic;
    }
}
