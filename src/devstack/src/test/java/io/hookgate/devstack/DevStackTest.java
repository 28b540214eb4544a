package io.hookgate.devstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DevStackTest {

    static DevStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = DevStack.start(0, 0, 0, 0, null);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void postgresAcceptsRealConnections() throws Exception {
        try (var c = DriverManager.getConnection(stack.jdbcUrl(), DevStack.DB_USER, DevStack.DB_PASSWORD);
             var rs = c.createStatement().executeQuery("select current_setting('server_version_num')::int")) {
            rs.next();
            assertTrue(rs.getInt(1) >= 170000, "PostgreSQL 17 expected");
        }
    }

    @Test
    void queuesCarryMessagesAndHonourVisibility() {
        var sqs = stack.queues().client();
        String url = stack.queues().deliveriesUrl();
        sqs.sendMessage(b -> b.queueUrl(url).messageBody("hello"));
        var first = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();
        assertEquals(1, first.size());
        sqs.changeMessageVisibility(b -> b.queueUrl(url).receiptHandle(first.getFirst().receiptHandle()).visibilityTimeout(1));
        var again = sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(5)).messages();
        assertEquals("hello", again.getFirst().body());
        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(again.getFirst().receiptHandle()));
    }

    @Test
    void receiverRecordsAndFollowsItsScript() throws Exception {
        stack.receiver().thenReply("/hook", TestReceiver.Reply.status(500));
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.receiver().url("/hook")))
                .timeout(Duration.ofSeconds(5)).header("webhook-id", "dlv_1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        assertEquals(500, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
        var received = stack.receiver().receivedOn("/hook");
        assertEquals(2, received.size());
        assertEquals("dlv_1", received.getFirst().header("webhook-id"));
    }
}
