package io.hookgate.bench;

import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.SqsEventSourceMapping;
import io.hookgate.devstack.SqsQueues;
import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.quarkus.amazon.lambda.runtime.MockHttpEventServer;
import io.hookgate.bench.lambda.JvmLambdaRuntime;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole of Hookgate as separate processes on this machine: the devstack, and every packaged deployable
 * ({@code target/quarkus-app}) in its production profile. The Lambda functions poll the Lambda runtime API of Quarkus's
 * mock event servers, as they would poll AWS Lambda's, and SQS event-source mappings invoke the delivery function.
 */
public final class LocalSystem implements AutoCloseable {

    public static final String CCPAYMENT_SECRET = "bench-ccpayment-secret";
    public static final String ADMIN_KEY = "hg_admin_bench_key";
    public static final String CRYPTO_KEY = "YmVuY2gtb25seS1rZXktZG8tbm90LXVzZS1wcm9kISE=";
    public static final String REALTIME_SECRET = "YmVuY2gtb25seS1yZWFsdGltZS1rZXktZG8tbm90LXVzZSEh";
    /** The least-privileged role every deployable but the migrating admin connects as, as in AWS (core database.AppRole). */
    public static final String APP_ROLE = "hookgate_app";
    public static final String APP_ROLE_PASSWORD = "bench-app-role-password";

    /** Passed to a function process as its AWS_LAMBDA_RUNTIME_API environment variable, not as a system property. */
    private static final String RUNTIME_API = "AWS_LAMBDA_RUNTIME_API";
    private static final String STREAM_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler";

    private final DevStack stack;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> byName = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, ProcessBuilder> builders = new java.util.concurrent.ConcurrentHashMap<>();
    /**
     * Native executables ({@code -Dhookgate.bench.native=true}, built by ./native-build.sh) instead of the JVM jars. A
     * native Lambda function serves one invocation at a time, as one Lambda instance does, so each function runs as
     * {@code concurrency} processes; a JVM function runs {@code concurrency} poll threads in one process.
     */
    private static final boolean NATIVE = Boolean.getBoolean("hookgate.bench.native");
    /**
     * The plain-service deployment of docs/deploy.md ({@code bin/bench --service}, built with {@code -Dservice}):
     * ingest and admin serve HTTP themselves, delivery polls its queues; no Lambda runtime stand-ins in between.
     */
    public static final boolean SERVICE = Boolean.getBoolean("hookgate.bench.service");
    /**
     * {@code hookgate.outbox.publish} for ingest: -Dhookgate.bench.publish (before-answer, after-answer, relay), else
     * the default. With relay, the delivery service (service mode) or the realtime service (Lambda-emulated, as the
     * reconciler in AWS) runs the outbox relay every {@link #RELAY_EVERY}.
     */
    public static final String PUBLISH = System.getProperty("hookgate.bench.publish", "before-answer");
    static final String RELAY_EVERY = System.getProperty("hookgate.bench.relay-every", "10ms");
    private final List<String> replicas = new ArrayList<>();
    private int deliveryPort;
    private final int concurrency;
    private final int ingestPort;
    /** A second ingest process, as a second Lambda instance would be: the inbound races run across both. */
    private final int secondIngestPort;
    private final int adminPort;
    private final int realtimePort;
    /** A second realtime instance: every instance LISTENs, so every event reaches clients on both. */
    private final int secondRealtimePort;
    private final Path logs;

    private LocalSystem(DevStack stack, Path logs, int concurrency) {
        this.stack = stack;
        this.concurrency = concurrency;
        this.logs = logs;
        this.ingestPort = freePort();
        this.secondIngestPort = freePort();
        this.adminPort = freePort();
        this.realtimePort = freePort();
        this.secondRealtimePort = freePort();
    }

    /** Starts everything from the packaged modules under {@code root} and waits until each process is up. */
    public static LocalSystem start(Path root, String retrySchedule) throws Exception {
        return start(root, retrySchedule, 2);
    }

    /** As {@link #start(Path, String)}, with {@code concurrency} warm instances of each Lambda function. */
    public static LocalSystem start(Path root, String retrySchedule, int concurrency) throws Exception {
        return start(root, retrySchedule, concurrency, Map.of());
    }

    /** As {@link #start(Path, String, int)}, with extra configuration for the delivery function (circuit thresholds, say). */
    public static LocalSystem start(Path root, String retrySchedule, int concurrency, Map<String, String> deliveryConfig) throws Exception {
        return start(root, retrySchedule, concurrency, deliveryConfig, 10);
    }

    /** As above, with the deliveries queue's event-source mapping batch size (Lambda allows up to 10,000). */
    public static LocalSystem start(Path root, String retrySchedule, int concurrency, Map<String, String> deliveryConfig,
                                    int deliveryBatchSize) throws Exception {
        return start(root, retrySchedule, concurrency, deliveryConfig, deliveryBatchSize, null);
    }

    /**
     * As above, with PostgreSQL's data in {@code pgDataDir} (kept by the caller), so that {@link DevStack#restartPostgres}
     * can stop and start it on the same data.
     */
    public static LocalSystem start(Path root, String retrySchedule, int concurrency, Map<String, String> deliveryConfig,
                                    int deliveryBatchSize, Path pgDataDir) throws Exception {
        for (String module : List.of("ingest", "admin", "delivery", "realtime")) {
            Path jar = NATIVE ? nativeRunner(root, module) : runner(root, module);
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: build first with "
                        + (NATIVE ? "./native-build.sh" : "./mvnw verify (or package)") + " from " + root);
            }
        }
        Path logs = Files.createDirectories(root.resolve("src/bench/target/system-logs"));
        LocalSystem system = new LocalSystem(DevStack.start(0, 0, 0, 0, pgDataDir), logs, concurrency);
        try {
            system.launchAll(root, retrySchedule, deliveryConfig, deliveryBatchSize);
            return system;
        } catch (Exception e) {
            system.close();
            throw e;
        }
    }

    private void launchAll(Path root, String retrySchedule, Map<String, String> deliveryConfig, int deliveryBatchSize) throws Exception {
        if (!SERVICE) {
            startRuntimeStandIns();
        }
        launchDeployables(root, retrySchedule, deliveryConfig);
        if (!SERVICE) {
            SqsQueues queues = stack.queues();
            resources.add(SqsEventSourceMapping.start(queues.client(), queues.eventsUrl(), deliveryPort, 10, concurrency));
            resources.add(SqsEventSourceMapping.start(queues.client(), queues.deliveriesUrl(), deliveryPort, deliveryBatchSize, concurrency));
            resources.add(SqsEventSourceMapping.start(queues.client(), queues.slowDeliveriesUrl(), deliveryPort, deliveryBatchSize,
                    Math.max(1, concurrency / 2)));
        }
    }

    /** The Lambda runtime API stand-ins the functions poll: API Gateway for ingest and admin, an invoker for delivery. */
    private void startRuntimeStandIns() throws IOException {
        MockHttpEventServer ingestApi = new MockHttpEventServer();
        ingestApi.start(ingestPort);
        resources.add(ingestApi);
        MockHttpEventServer secondIngestApi = new MockHttpEventServer();
        secondIngestApi.start(secondIngestPort);
        resources.add(secondIngestApi);
        MockHttpEventServer adminApi = new MockHttpEventServer();
        adminApi.start(adminPort);
        resources.add(adminApi);
        MockEventServer deliveryApi = new MockEventServer();
        deliveryPort = freePort();
        deliveryApi.start(deliveryPort);
        resources.add(deliveryApi);
    }

    private void launchDeployables(Path root, String retrySchedule, Map<String, String> deliveryConfig) throws Exception {

        Map<String, String> common = new LinkedHashMap<>(stack.quarkusConfig());
        common.put("quarkus.sqs.aws.region", "us-east-1");
        common.put("quarkus.sqs.aws.credentials.type", "static");
        common.put("quarkus.sqs.aws.credentials.static-provider.access-key-id", "local");
        common.put("quarkus.sqs.aws.credentials.static-provider.secret-access-key", "local");
        common.put("hookgate.crypto.secret-key", CRYPTO_KEY);
        common.put("hookgate.realtime.token-secret", REALTIME_SECRET);
        // A native function process serves one invocation at a time (one Lambda instance); a JVM one, `concurrency`.
        common.put("quarkus.datasource.reactive.max-size", Integer.toString(NATIVE ? 4 : Math.max(4, 2 * concurrency)));

        // Migrations first, by one process, so the others start on a complete schema. It migrates as the owner and keeps
        // the application role, which every other process connects as (as the functions do in AWS).
        Map<String, String> admin = new LinkedHashMap<>(common);
        admin.put("quarkus.flyway.migrate-at-start", "true");
        admin.put("hookgate.database.app-role-password", APP_ROLE_PASSWORD);
        common.put("quarkus.datasource.username", APP_ROLE);
        common.put("quarkus.datasource.password", APP_ROLE_PASSWORD);
        serve(admin, adminPort);
        admin.put("hookgate.admin.bootstrap-key", ADMIN_KEY);
        admin.put("hookgate.admin.require-https", "false");
        admin.put("hookgate.admin.allow-private-targets", "true");
        admin.put("hookgate.admin.max-endpoints-per-tenant", "100");
        launch(root, "admin", "admin", admin);
        awaitStarted("admin");

        Map<String, String> ingest = new LinkedHashMap<>(common);
        serve(ingest, ingestPort);
        ingest.put("hookgate.ingest.ccpayment.secret", CCPAYMENT_SECRET);
        // The bench is one "provider" sending thousands of deposits: lift seed 000's 1,000 per hour.
        ingest.put("hookgate.ingest.ccpayment.rate-limit", "1000000");
        // Every call here comes from loopback, hostile-input properties included: blocking it after ten bad signatures
        // would turn their expected refusals into WEBHOOK_008 (the blocking itself is tested in SourceWebhookRouteTest).
        ingest.put("hookgate.ingest.suspicious.exempt", "127.0.0.0/8,::1");
        // Who publishes ingest's events, and whether it answers first (docs/benchmarks.md measures each).
        ingest.put("hookgate.outbox.publish", PUBLISH);
        boolean relay = PUBLISH.equals("relay");
        launch(root, "ingest", "ingest", ingest);
        Map<String, String> secondIngest = new LinkedHashMap<>(ingest);
        serve(secondIngest, secondIngestPort);
        launch(root, "ingest", "ingest-2", secondIngest);

        Map<String, String> delivery = new LinkedHashMap<>(common);
        if (SERVICE) {
            delivery.put("quarkus.http.port", Integer.toString(freePort()));
            delivery.put("hookgate.delivery.poller.enabled", "true");
            delivery.put("hookgate.delivery.poller.concurrency", Integer.toString(concurrency));
            delivery.put("hookgate.reconciler.every", "5s");
            if (relay) {
                delivery.put("hookgate.outbox.relay-every", RELAY_EVERY);
            }
        } else {
            delivery.put(RUNTIME_API, "127.0.0.1:" + deliveryPort + "/_lambda_");
        }
        delivery.put("hookgate.delivery.allow-private-targets", "true");
        delivery.put("hookgate.delivery.require-https", "false");
        delivery.put("hookgate.delivery.retry-schedule", retrySchedule);
        delivery.put("hookgate.delivery.jitter", "0");
        delivery.putAll(deliveryConfig);
        launch(root, "delivery", "delivery", delivery);

        Map<String, String> realtime = new LinkedHashMap<>(common);
        realtime.put("quarkus.http.port", Integer.toString(realtimePort));
        if (relay && !SERVICE) {
            realtime.put("hookgate.outbox.relay-every", RELAY_EVERY);
        }
        launch(root, "realtime", "realtime", realtime);
        Map<String, String> secondRealtime = new LinkedHashMap<>(realtime);
        secondRealtime.put("quarkus.http.port", Integer.toString(secondRealtimePort));
        launch(root, "realtime", "realtime-2", secondRealtime);

        for (String module : List.of("ingest", "ingest-2", "delivery", "realtime", "realtime-2")) {
            awaitStarted(module);
        }
        for (String replica : replicas) {
            awaitStarted(replica);
        }
    }

    /** A deployable that answers HTTP on {@code port}: itself in service mode, else through the runtime API stand-in there. */
    private static void serve(Map<String, String> config, int port) {
        if (SERVICE) {
            config.put("quarkus.http.port", Integer.toString(port));
        } else {
            config.put(RUNTIME_API, "127.0.0.1:" + port + "/_lambda_");
        }
    }

    /**
     * Starts one deployable. A Lambda function (its config names a runtime API) runs under {@link JvmLambdaRuntime}, as
     * AWS's managed Java runtime would run it; the realtime service runs as its own server.
     */
    private void launch(Path root, String module, String name, Map<String, String> config) throws IOException {
        String runtimeApi = config.get(RUNTIME_API);
        // -Dhookgate.bench.config.<module>.<key>=<value> sets <key> for that module's processes (experiments, tuning)
        String prefix = "hookgate.bench.config." + module + ".";
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                .forEach(key -> config.put(key.substring(prefix.length()), System.getProperty(key)));
        List<String> command = new ArrayList<>();
        if (NATIVE) {
            command.add(nativeRunner(root, module).toString());
            config.entrySet().stream().filter(e -> !e.getKey().equals(RUNTIME_API))
                    .forEach(e -> command.add("-D" + e.getKey() + "=" + e.getValue()));
        } else {
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx512m");
            if (Boolean.getBoolean("hookgate.bench.jfr")) {
                // -Dhookgate.bench.jfr=true: a JFR profile per process in the logs directory, for `jfr print` / `jfr summary`
                command.add("-XX:StartFlightRecording=filename=" + logs.resolve(name + ".jfr") + ",settings=profile,dumponexit=true");
            }
            config.entrySet().stream().filter(e -> !e.getKey().equals(RUNTIME_API))
                    .forEach(e -> command.add("-D" + e.getKey() + "=" + e.getValue()));
            if (runtimeApi == null) {
                command.add("-jar");
                command.add(runner(root, module).toString());
            } else {
                command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
                command.add("-Dhookgate.lambda.concurrency=" + concurrency);
                command.add("-cp");
                command.add(runner(root, module) + java.io.File.pathSeparator + benchClasses());
                command.add(JvmLambdaRuntime.class.getName());
                command.add(STREAM_HANDLER);
            }
        }
        int processes = NATIVE && runtimeApi != null ? concurrency : 1;
        for (int i = 0; i < processes; i++) {
            String processName = i == 0 ? name : name + "." + i;
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(logs.resolve(processName + ".log").toFile());
            if (runtimeApi != null) {
                builder.environment().put(RUNTIME_API, runtimeApi);
            }
            builders.put(processName, builder);
            start(processName);
            if (i > 0) {
                replicas.add(processName);
            }
        }
    }

    private void start(String name) throws IOException {
        Process process = builders.get(name).start();
        processes.add(process);
        byName.put(name, process);
    }

    /** Kills a launched process ({@code ingest}, {@code delivery}, …) as {@code kill -9} would: no shutdown of any kind. */
    public void kill(String name) throws InterruptedException {
        Process process = byName.get(name);
        if (process == null) {
            throw new IllegalArgumentException("no process named " + name);
        }
        process.destroyForcibly();
        process.waitFor();
    }

    /** Starts a killed process again, configured as before, and waits until it is up. */
    public void restart(String name) throws Exception {
        if (byName.get(name).isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        start(name);
        awaitStarted(name);
    }

    /**
     * Starts one more process of {@code name} (admin, ingest, delivery or realtime), configured as the running one but
     * behind its own runtime API (or port), and returns the time from its start to the answer to its first request: a
     * deposit refused for its signature, an endpoint list, an empty SQS batch, a readiness check. The process is
     * stopped afterwards; the running system is untouched.
     */
    public Duration coldStart(String name) throws Exception {
        int port = freePort();
        ProcessBuilder running = builders.get(name);
        List<String> command = new ArrayList<>(running.command());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(name + "-cold-start.log").toFile());
        AutoCloseable runtimeApi = null;
        if (name.equals("realtime")) {
            command.replaceAll(arg -> arg.startsWith("-Dquarkus.http.port=") ? "-Dquarkus.http.port=" + port : arg);
        } else {
            MockEventServer server = name.equals("delivery") ? new MockEventServer() : new MockHttpEventServer();
            server.start(port);
            runtimeApi = server;
            builder.environment().put(RUNTIME_API, "127.0.0.1:" + port + "/_lambda_");
        }
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        URI base = URI.create("http://127.0.0.1:" + port);
        java.net.http.HttpRequest probe = switch (name) {
            case "ingest" -> java.net.http.HttpRequest.newBuilder(base.resolve("/api/webhook/ccpayment/deposit"))
                    .header("Content-Type", "application/json").header("X-CC-Signature", "sha256=00")
                    .header("X-CC-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
            case "admin" -> java.net.http.HttpRequest.newBuilder(base.resolve("/api/v1/webhooks"))
                    .header("Authorization", "Bearer " + ADMIN_KEY).GET().build();
            case "delivery" -> java.net.http.HttpRequest.newBuilder(base.resolve("/_lambda_"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
            case "realtime" -> java.net.http.HttpRequest.newBuilder(base.resolve("/q/health/ready")).GET().build();
            default -> throw new IllegalArgumentException(name);
        };
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            while (true) {
                try {
                    var answer = http.send(probe, java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 200 || (name.equals("ingest") && answer.statusCode() / 100 == 4)) {
                        return Duration.ofNanos(System.nanoTime() - started);
                    }
                    throw new IllegalStateException(name + " answered " + answer.statusCode() + ": " + answer.body());
                } catch (IOException notYetListening) {
                    // the realtime port opens with the process
                }
                if (!process.isAlive() || System.nanoTime() - started > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException(name + " did not answer; see " + logs.resolve(name + "-cold-start.log"));
                }
                Thread.sleep(5);
            }
        } finally {
            process.destroy();
            process.waitFor();
            if (runtimeApi != null) {
                runtimeApi.close();
            }
        }
    }

    /** Where this class was loaded from: the bench's classes directory or jar, which holds the runtime loop. */
    private static String benchClasses() {
        try {
            return Path.of(JvmLambdaRuntime.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitStarted(String module) throws Exception {
        Path log = logs.resolve(module + ".log");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.contains(" started in ")) {
                return;
            }
            if (!byName.get(module).isAlive()) {
                throw new IllegalStateException(module + " exited during start; see " + log + "\n" + tail(text));
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(module + " did not start within 90 s; see " + log);
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /** The native executable ./native-build.sh left in a module's target folder. */
    private static Path nativeRunner(Path root, String module) {
        return root.resolve("src").resolve(module).resolve("target").resolve("hookgate-" + module + "-0.1.0-SNAPSHOT-runner");
    }

    /** The runnable jar Quarkus built for a module, as named in its {@code quarkus-artifact.properties}. */
    private static Path runner(Path root, String module) {
        Path target = root.resolve("src").resolve(module).resolve("target");
        Path artifact = target.resolve("quarkus-artifact.properties");
        if (!Files.exists(artifact)) {
            return target.resolve("quarkus-artifact.properties");
        }
        var properties = new java.util.Properties();
        try (var in = Files.newInputStream(artifact)) {
            properties.load(in);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return target.resolve(properties.getProperty("path"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public DevStack stack() {
        return stack;
    }

    public URI ingest(String path) {
        return URI.create("http://127.0.0.1:" + ingestPort + path);
    }

    /** The same route on the first (0) or the second (1) ingest process. */
    public URI ingest(int process, String path) {
        return URI.create("http://127.0.0.1:" + (process == 0 ? ingestPort : secondIngestPort) + path);
    }

    public URI admin(String path) {
        return URI.create("http://127.0.0.1:" + adminPort + path);
    }

    public URI realtime(String path) {
        return realtime(0, path);
    }

    /** The resident memory of a launched process ({@code realtime}, {@code realtime-2}, …) in KiB, from /proc; -1 if unknown. */
    public long rssKiB(String name) {
        Process process = byName.get(name);
        if (process == null) {
            return -1;
        }
        try {
            return java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + process.pid() + "/status")).stream()
                    .filter(line -> line.startsWith("VmRSS:")).map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                    .findFirst().orElse(-1L);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * CPU seconds (user and system) the process has used so far, from /proc; -1 when it is not running. Besides the
     * launched processes: {@code bench} is this JVM (load generator, receiver, ElasticMQ), {@code postgres} every
     * PostgreSQL process (its backends live as long as the pools' connections).
     */
    public double cpuSeconds(String name) {
        if (name.equals("bench")) {
            return cpuSeconds(ProcessHandle.current().pid());
        }
        if (name.equals("postgres")) {
            try (var processes = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                return processes.filter(p -> p.getFileName().toString().matches("\\d+"))
                        .filter(p -> readQuietly(p.resolve("comm")).strip().equals("postgres"))
                        .mapToDouble(p -> Math.max(0, cpuSeconds(Long.parseLong(p.getFileName().toString())))).sum();
            } catch (IOException e) {
                return -1;
            }
        }
        Process process = byName.get(name);
        return process == null ? -1 : cpuSeconds(process.pid());
    }

    private static double cpuSeconds(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;   // utime, stime in clock ticks (USER_HZ 100)
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String readQuietly(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The first (0) or second (1) realtime instance. */
    public URI realtime(int instance, String path) {
        return URI.create("ws://127.0.0.1:" + (instance == 0 ? realtimePort : secondRealtimePort) + path);
    }

    /** How many deployable processes were launched (replicas included). */
    public int processCount() {
        return builders.size();
    }

    /** The command line a launched process was started with (its configuration is passed as system properties). */
    public String commandLine(String name) {
        return String.join(" ", builders.get(name).command());
    }

    public Path logs() {
        return logs;
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (AutoCloseable resource : resources.reversed()) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
        stack.close();
    }
}
