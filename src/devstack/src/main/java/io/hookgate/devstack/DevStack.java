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

    private final EmbeddedPostgres postgres;
    private final SQSRestServer sqsServer;
    private final int sqsPort;
    private final SqsQueues queues;
    private final TestReceiver receiver;
    private final MailServer mail;

    private DevStack(EmbeddedPostgres postgres, SQSRestServer sqsServer, int sqsPort, SqsQueues queues, TestReceiver receiver,
                     MailServer mail) {
        this.postgres = postgres;
        this.sqsServer = sqsServer;
        this.sqsPort = sqsPort;
        this.queues = queues;
        this.receiver = receiver;
        this.mail = mail;
    }

    /** Starts every service. Port 0 picks a free port; a data directory keeps PostgreSQL's data across runs. */
    public static DevStack start(int pgPort, int sqsPort, int receiverPort, int smtpPort, Path pgDataDir) throws IOException {
        var pgBuilder = EmbeddedPostgres.builder()
                .setPort(pgPort == 0 ? freePort() : pgPort)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "on");
        if (pgDataDir != null) {
            pgBuilder.setDataDirectory(pgDataDir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = pgBuilder.start();
        int actualSqsPort = sqsPort == 0 ? freePort() : sqsPort;
        SQSRestServer sqsServer = SQSRestServerBuilder.withPort(actualSqsPort).withInterface("127.0.0.1").start();
        sqsServer.waitUntilStarted();
        SqsQueues queues = SqsQueues.create(URI.create("http://127.0.0.1:" + actualSqsPort));
        TestReceiver receiver = TestReceiver.start(receiverPort);
        return new DevStack(postgres, sqsServer, actualSqsPort, queues, receiver, MailServer.start(smtpPort));
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
            sqsServer.stopAndWait();
        } catch (RuntimeException ignored) {
            // best effort at shutdown
        }
        try {
            postgres.close();
        } catch (IOException ignored) {
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
