package io.hookgate.devstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** Runs the devstack for local development on fixed ports, with event-source mappings to the delivery function. */
public final class DevStackMain {

    public static final int PG_PORT = 15432;
    public static final int SQS_PORT = 9324;
    public static final int RECEIVER_PORT = 9999;
    public static final int SMTP_PORT = 2525;
    public static final int DELIVERY_DEV_PORT = 8083;

    private DevStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(System.getProperty("hookgate.devstack.dir", ".devstack")).resolve("pgdata").toAbsolutePath();
        DevStack stack = DevStack.start(PG_PORT, SQS_PORT, RECEIVER_PORT, SMTP_PORT, dataDir);
        SqsQueues queues = stack.queues();
        var events = SqsEventSourceMapping.start(queues.client(), queues.eventsUrl(), DELIVERY_DEV_PORT, 10);
        var deliveries = SqsEventSourceMapping.start(queues.client(), queues.deliveriesUrl(), DELIVERY_DEV_PORT, 10);
        var slowDeliveries = SqsEventSourceMapping.start(queues.client(), queues.slowDeliveriesUrl(), DELIVERY_DEV_PORT, 10);
        stack.receiver().onReceive(r -> System.out.println("[receiver] " + r.method() + " " + r.path()
                + " webhook-id=" + r.header("webhook-id") + " event=" + r.header("x-webhook-event")));
        Thread.ofVirtual().name("smtp-log").start(() -> logMail(stack.mail()));
        System.out.println("devstack ready");
        System.out.println("  postgres  " + stack.jdbcUrl() + " (user postgres, password postgres)");
        System.out.println("  sqs       " + stack.sqsEndpoint() + " queues " + queues.eventsUrl() + ", " + queues.deliveriesUrl());
        System.out.println("  receiver  " + stack.receiver().url("/"));
        System.out.println("  smtp      127.0.0.1:" + stack.mail().port() + " (keeps every message; the delivery function sends email here)");
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            events.close();
            deliveries.close();
            slowDeliveries.close();
            stack.close();
            stop.countDown();
        }));
        stop.await();
    }

    /** Prints each message the SMTP server accepts, as the receiver prints each request. */
    private static void logMail(MailServer mail) {
        int seen = 0;
        while (!Thread.currentThread().isInterrupted()) {
            var received = mail.received();
            for (var message : received.subList(Math.min(seen, received.size()), received.size())) {
                System.out.println("[smtp] to " + String.join(", ", message.to()) + ": " + message.subject());
            }
            seen = received.size();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
