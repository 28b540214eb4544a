package io.hookgate.devstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local infrastructure of Hookgate: a real PostgreSQL, a real SQS-compatible server, a recording HTTP receiver and
 * an SMTP server that keeps what it receives.
 */
public final class DevStack implements AutoCloseable {

    public static final String DB_NAME = "postgres";
    public static final String DB_USER = "postgres";
    public static final String DB_PASSWORD = "postgres";

    private static volatile DevStack shared;

    private final java.util.function.Supplier<EmbeddedPostgres.Builder> postgresBuilder;
    private final Path pgDataDir;
    private volatile EmbeddedPostgres postgres;
    private volatile SQSRestServer sqsServer;
    private final int sqsPort;
    private final SqsQueues queues;
    private final TestReceiver receiver;
    private final MailServer mail;

    private DevStack(java.util.function.Supplier<EmbeddedPostgres.Builder> postgresBuilder, Path pgDataDir, EmbeddedPostgres postgres,
                     SQSRestServer sqsServer, int sqsPort, SqsQueues queues, TestReceiver receiver, MailServer mail) {
        this.postgresBuilder = postgresBuilder;
        this.pgDataDir = pgDataDir;
        this.postgres = postgres;
        this.sqsServer = sqsServer;
        this.sqsPort = sqsPort;
        this.queues = queues;
        this.receiver = receiver;
        this.mail = mail;
    }

    /**
     * Starts every service. Port 0 picks a free port; a data directory keeps PostgreSQL's data across runs (and lets
     * {@link #restartPostgres} start it again on the same data).
     */
    public static DevStack start(int pgPort, int sqsPort, int receiverPort, int smtpPort, Path pgDataDir) throws IOException {
        int actualPgPort = pgPort == 0 ? freePort() : pgPort;
        java.util.function.Supplier<EmbeddedPostgres.Builder> pgBuilder = () -> {
            var builder = EmbeddedPostgres.builder()
                    .setPort(actualPgPort)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    // Durable commits, as in production: zonky's default synchronous_commit=off acknowledges a commit
                    // before its WAL is flushed, and the fault bench's kill -9 of the postmaster lost such commits.
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("fsync", "on");
            if (pgDataDir != null) {
                builder.setDataDirectory(pgDataDir).setCleanDataDirectory(false);
            }
            return builder;
        };
        EmbeddedPostgres postgres = pgBuilder.get().start();
        int actualSqsPort = sqsPort == 0 ? freePort() : sqsPort;
        SQSRestServer sqsServer = startSqs(actualSqsPort);
        SqsQueues queues = SqsQueues.create(URI.create("http://127.0.0.1:" + actualSqsPort));
        TestReceiver receiver = TestReceiver.start(receiverPort);
        return new DevStack(pgBuilder, pgDataDir, postgres, sqsServer, actualSqsPort, queues, receiver, MailServer.start(smtpPort));
    }

    private static SQSRestServer startSqs(int port) {
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("127.0.0.1").start();
        server.waitUntilStarted();
        return server;
    }

    /**
     * Stops PostgreSQL, cleanly ({@code pg_ctl stop}) or as a crash would ({@code kill -9} of the postmaster), keeps it
     * down for {@code down}, and starts it again on the same port and data directory (crash recovery after a kill).
     * Needs the data directory given to {@link #start}.
     */
    public synchronized void restartPostgres(boolean crash, Duration down) throws IOException, InterruptedException {
        if (pgDataDir == null) {
            throw new IllegalStateException("PostgreSQL restarts need the data directory given to DevStack.start");
        }
        if (crash) {
            long pid = Long.parseLong(java.nio.file.Files.readAllLines(pgDataDir.resolve("postmaster.pid")).getFirst().trim());
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        }
        postgres.close();   // after a kill, its pg_ctl stop fails (logged); either way it releases its lock on the data
        Thread.sleep(down.toMillis());
        IOException last = null;
        for (int tries = 0; tries < 20; tries++) {
            try {
                postgres = postgresBuilder.get().start();
                return;
            } catch (IOException e) {
                last = e;   // the killed postmaster's backends may still hold its shared memory for a moment
                Thread.sleep(500);
            }
        }
        throw last;
    }

    /**
     * Stops the SQS server, keeps it down for {@code down}, and starts an empty one on the same port with the same
     * queues: every message that was on a queue is lost, as in the worst broker failure.
     */
    public synchronized void restartSqs(Duration down) throws InterruptedException {
        sqsServer.stopAndWait();
        Thread.sleep(down.toMillis());
        sqsServer = startSqs(sqsPort);
        SqsQueues.create(sqsEndpoint()).close();
    }

    /** One stack per JVM, shared by every test resource of the run. */
    public static synchronized DevStack shared() {
        if (shared == null) {
            try {
                shared = start(0, 0, 0, 0, null);
            } catch (IOException e) {
                throw new IllegalStateException("could not start the devstack", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public int postgresPort() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DB_NAME;
    }

    public String reactiveUrl() {
        return "postgresql://127.0.0.1:" + postgres.getPort() + "/" + DB_NAME;
    }

    public URI sqsEndpoint() {
        return URI.create("http://127.0.0.1:" + sqsPort);
    }

    public TestDatabase database() {
        return new TestDatabase(jdbcUrl());
    }

    public SqsQueues queues() {
        return queues;
    }

    public TestReceiver receiver() {
        return receiver;
    }

    public MailServer mail() {
        return mail;
    }

    /** The Quarkus configuration that points an application at this stack. */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.username", DB_USER);
        config.put("quarkus.datasource.password", DB_PASSWORD);
        config.put("quarkus.datasource.reactive.url", reactiveUrl());
        config.put("quarkus.datasource.jdbc.url", jdbcUrl());
        config.put("quarkus.sqs.endpoint-override", sqsEndpoint().toString());
        config.put("hookgate.queues.events-url", queues.eventsUrl());
        config.put("hookgate.queues.deliveries-url", queues.deliveriesUrl());
        config.put("hookgate.queues.slow-deliveries-url", queues.slowDeliveriesUrl());
        config.put("hookgate.queues.dead-letter-url", queues.deadLetterUrl());
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", String.valueOf(mail.port()));
        return config;
    }

    @Override
    public void close() {
        receiver.close();
        mail.close();
        queues.close();
        try {
            postgres.close();
        } catch (IOException ignored) {
            // best effort at shutdown
        }
        try {
            // ElasticMQ's graceful stop waits for open long polls (up to 20 s each); a JVM that is exiting need not
            scala.concurrent.Await.ready(sqsServer.stopAndGetFuture().apply(),
                    scala.concurrent.duration.Duration.create(2, java.util.concurrent.TimeUnit.SECONDS));
        } catch (Exception ignored) {
            // best effort at shutdown
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
