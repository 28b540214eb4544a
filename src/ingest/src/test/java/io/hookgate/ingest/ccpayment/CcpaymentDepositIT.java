package io.hookgate.ingest.ccpayment;

import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.hookgate.ingest.ccpayment.CcpaymentDepositRouteTest.DB;
import static io.hookgate.ingest.ccpayment.CcpaymentDepositRouteTest.balance;
import static io.hookgate.ingest.ccpayment.CcpaymentDepositRouteTest.post;
import static io.hookgate.ingest.ccpayment.CcpaymentDepositRouteTest.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The native ingest function, black box: signed deposits through the Lambda mock event server (./native-build.sh). */
@QuarkusIntegrationTest
@QuarkusTestResource(HookgateTestResource.class)
class CcpaymentDepositIT {

    @BeforeAll
    static void prices() throws Exception {
        CcpaymentDepositRouteTest.prices();
    }

    @Test
    void aSignedDepositIsCreditedOncePublishedAndItsCopiesAreDuplicates() throws Exception {
        String order = unique("native_order");
        String user = Long.toString(System.nanoTime() % 1_000_000_000L);
        String body = SignedDeposit.body(order, user, "ETH", "0.025000000000000000");

        String txId = post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                .statusCode(200)
                .header("X-Request-Id", startsWith("req_"))
                .body("data.processed", equalTo(true))
                .body("data.dgtCredited", equalTo(875.00f))
                .extract().path("data.internalTxId");
        List<Callable<Boolean>> copies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            copies.add(() -> post(body, SignedDeposit.signature(body), SignedDeposit.now()).then().statusCode(200)
                    .body("data.internalTxId", equalTo(txId)).extract().<Boolean>path("data.processed"));
        }
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> copy : pool.invokeAll(copies)) {
                assertEquals(false, copy.get(), "a copy is answered as already processed");
            }
        }

        assertEquals(0, new BigDecimal("875.00").compareTo(balance(user)));
        assertEquals(1, DB.count("select count(*) from ledger_entry where user_id = ? and kind = 'deposit'", user));
        assertEquals(1, DB.count("select count(*) from event e join outbox o on o.event_id = e.id "
                + "where e.type = 'deposit.confirmed' and e.payload->>'orderId' = ? and o.published_at is not null", order));
        String eventId = (String) DB.value("select id from event where type = 'deposit.confirmed' and payload->>'orderId' = ?", order);
        var sqs = DevStack.shared().queues();
        boolean found = false;
        for (int i = 0; i < 5 && !found; i++) {
            var messages = sqs.client().receiveMessage(b -> b.queueUrl(sqs.eventsUrl()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
            found = messages.stream().anyMatch(m -> m.body().contains(eventId));
            messages.forEach(m -> sqs.client().deleteMessage(b -> b.queueUrl(sqs.eventsUrl()).receiptHandle(m.receiptHandle())));
        }
        assertTrue(found, "the native function published " + eventId + " to the events queue");
    }

    @Test
    void aBadSignatureGetsWebhook001WithARequestIdAndWritesNothing() throws Exception {
        String order = unique("native_badsig");
        String body = SignedDeposit.body(order, "42", "ETH", "1");
        post(body, "sha256=" + "00".repeat(32), SignedDeposit.now()).then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("error", equalTo("WEBHOOK_001"))
                .body("requestId", startsWith("req_"));
        assertEquals(0, DB.count("select count(*) from inbound_receipt where external_id = ?", order));
    }

    @Test
    void aStaleTimestampAndAMalformedBodyGetTheirErrorCodes() {
        String body = SignedDeposit.body(unique("native_stale"), "7", "ETH", "1");
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 3600);
        post(body, SignedDeposit.signature(body), stale).then().statusCode(401).body("error", equalTo("WEBHOOK_002"));
        String malformed = "{\"event\":\"deposit_confirmed\",";
        post(malformed, SignedDeposit.signature(malformed), SignedDeposit.now()).then()
                .statusCode(400).body("error", equalTo("WEBHOOK_007"));
    }
}
