package io.hookgate.ingest.ccpayment;

import io.hookgate.devstack.DevStack;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class CcpaymentDepositRouteTest {

    static final String PATH = "/api/webhook/ccpayment/deposit";
    static final TestDatabase DB = TestDatabase.shared();

    static BigDecimal balance(String userId) throws Exception {
        return (BigDecimal) DB.value("select balance from account where user_id = ? and coin = 'DGT'", userId);
    }

    @BeforeAll
    static void prices() throws Exception {
        DB.update("insert into price (coin, quote, price, source, observed_at) values ('ETH', 'DGT', 35000, 'test', now())");
    }

    static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    static io.restassured.response.Response post(String body, String signature, String timestamp) {
        var request = given().contentType(ContentType.JSON).header("X-CC-Timestamp", timestamp);
        if (signature != null) {
            request.header("X-CC-Signature", signature);
        }
        return request.body(body).post(PATH);
    }

    @Test
    void creditsAConfirmedDepositAtTheLatestPriceAndPublishesIt() throws Exception {
        String order = unique("cc_order");
        String user = Long.toString(System.nanoTime() % 1_000_000_000L);
        String body = SignedDeposit.body(order, user, "ETH", "0.025000000000000000");

        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                .statusCode(200)
                .header("X-Request-Id", startsWith("req_"))
                .body("success", equalTo(true))
                .body("data.processed", equalTo(true))
                .body("data.dgtCredited", equalTo(875.00f))
                .body("data.conversionRate", equalTo(35000.00f))
                .body("data.userId", equalTo(Integer.parseInt(user)))
                .body("data.internalTxId", startsWith("tx_"));

        assertEquals(0, new BigDecimal("875.00").compareTo(balance(user)));
        assertEquals(1, DB.count("select count(*) from ledger_entry where user_id = ? and kind = 'deposit'", user));
        assertEquals(1, DB.count("select count(*) from event e join outbox o on o.event_id = e.id "
                + "where e.type = 'deposit.confirmed' and e.payload->>'orderId' = ? and o.published_at is not null", order));
        assertEquals(1, DB.count("select count(*) from event where type = 'balance_update' and user_id = ?", user));

        var sqs = DevStack.shared().queues();
        var messages = sqs.client().receiveMessage(b -> b.queueUrl(sqs.eventsUrl()).maxNumberOfMessages(10).waitTimeSeconds(2)).messages();
        assertTrue(messages.stream().anyMatch(m -> m.body().contains("\"fanout\"")), "the event id reached the events queue");
        messages.forEach(m -> sqs.client().deleteMessage(b -> b.queueUrl(sqs.eventsUrl()).receiptHandle(m.receiptHandle())));
    }

    @Test
    void aDuplicateAnswersTheFirstResultAndCreditsNothing() throws Exception {
        String order = unique("cc_dup");
        String user = unique("u");
        String body = SignedDeposit.body(order, user, "ETH", "0.01");
        String txId = post(body, SignedDeposit.signature(body), SignedDeposit.now()).then().statusCode(200)
                .extract().path("data.internalTxId");

        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then().statusCode(200)
                .body("data.processed", equalTo(false))
                .body("data.internalTxId", equalTo(txId))
                .body("data.dgtCredited", equalTo(350.00f));
        assertEquals(0, new BigDecimal("350.00").compareTo(balance(user)));
    }

    @Test
    void tenConcurrentCopiesCreditExactlyOnce() throws Exception {
        String order = unique("cc_race");
        String user = unique("u");
        String body = SignedDeposit.body(order, user, "ETH", "0.002");
        String signature = SignedDeposit.signature(body);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> post(body, signature, SignedDeposit.now()).then().statusCode(200).extract().<Boolean>path("data.processed"));
        }
        List<Boolean> processed = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(10)) {
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                processed.add(f.get());
            }
        }
        assertEquals(1, processed.stream().filter(p -> p).count(), "exactly one call processed the deposit");
        assertEquals(0, new BigDecimal("70.00").compareTo(balance(user)));
        assertEquals(1, DB.count("select count(*) from ledger_entry where user_id = ?", user));
        assertEquals(1, DB.count("select count(*) from event where type = 'deposit.confirmed' and payload->>'orderId' = ?", order));
    }

    @Test
    void aBadSignatureIsRefusedAndWritesNothing() throws Exception {
        String order = unique("cc_badsig");
        String body = SignedDeposit.body(order, "42", "ETH", "1");
        post(body, "sha256=" + "00".repeat(32), SignedDeposit.now()).then()
                .statusCode(401).contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("error", equalTo("WEBHOOK_001"))
                .body("requestId", startsWith("req_"));
        post(body, null, SignedDeposit.now()).then().statusCode(401).body("error", equalTo("WEBHOOK_001"));
        assertNothingWritten(order);
    }

    @Test
    void aBadSignatureIsRecordedInTheSecurityAuditLogWithItsRequestId() throws Exception {
        String body = SignedDeposit.body(unique("cc_audit"), "9", "ETH", "0.001");
        String requestId = post(body, "sha256=" + "ab".repeat(32), SignedDeposit.now()).then().statusCode(401)
                .extract().path("requestId");
        var row = DB.rows("select source, kind, client_ip, detail from security_audit where request_id = ?", requestId);
        assertEquals(1, row.size());
        assertEquals("ccpayment", row.getFirst().get("source"));
        assertEquals("signature_failed", row.getFirst().get("kind"));
        assertEquals("127.0.0.1", row.getFirst().get("client_ip"));
    }

    @Test
    void aStaleTimestampIsRefusedAndWritesNothing() throws Exception {
        String order = unique("cc_stale");
        String body = SignedDeposit.body(order, "42", "ETH", "1");
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 301);
        post(body, SignedDeposit.signature(body), stale).then()
                .statusCode(401).body("error", equalTo("WEBHOOK_002")).body("requestId", notNullValue());
        post(body, SignedDeposit.signature(body), "yesterday").then().statusCode(401).body("error", equalTo("WEBHOOK_002"));
        assertNothingWritten(order);
    }

    @Test
    void malformedJsonIsRefusedAndWritesNothing() throws Exception {
        String body = "{\"event\":\"deposit_confirmed\",\"order_id\":\"cc_malformed\",";
        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                .statusCode(400).body("error", equalTo("WEBHOOK_007")).body("requestId", startsWith("req_"));
        assertNothingWritten("cc_malformed");
    }

    @Test
    void missingFieldsAndUnknownEventsGetTheirCodes() throws Exception {
        String noUser = SignedDeposit.body(unique("cc_nouser"), "", "ETH", "1");
        post(noUser, SignedDeposit.signature(noUser), SignedDeposit.now()).then()
                .statusCode(400).body("error", equalTo("WEBHOOK_007"));
        String negative = SignedDeposit.body(unique("cc_neg"), "7", "ETH", "-1");
        post(negative, SignedDeposit.signature(negative), SignedDeposit.now()).then()
                .statusCode(400).body("error", equalTo("WEBHOOK_007"));
        String wrongType = SignedDeposit.body(unique("cc_type"), "7", "ETH", "1").replace("\"confirmations\":12", "\"confirmations\":\"many\"");
        post(wrongType, SignedDeposit.signature(wrongType), SignedDeposit.now()).then()
                .statusCode(400).body("error", equalTo("WEBHOOK_007")).body("requestId", startsWith("req_"));
        String other = SignedDeposit.body("cc_other", "7", "ETH", "1").replace("deposit_confirmed", "deposit_reversed");
        post(other, SignedDeposit.signature(other), SignedDeposit.now()).then()
                .statusCode(400).body("error", equalTo("WEBHOOK_003"));
        assertNothingWritten("cc_other");
    }

    @Test
    void anUnknownCoinIsRefusedAsInvalid() throws Exception {
        String order = unique("cc_unknown");
        String body = SignedDeposit.body(order, "77", "NOPE", "10");
        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                .statusCode(400).body("error", equalTo("WEBHOOK_007")).body("message", containsString("NOPE"));
        assertNothingWritten(order);
    }

    @Test
    void aStalePriceIsRefusedWithoutCreditingAndTheRetrySucceedsOnceAFreshPriceArrives() throws Exception {
        String coin = "Z" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        DB.update("insert into price (coin, quote, price, source, observed_at) values (?, 'DGT', 10, 'test', now() - interval '2 hours')", coin);
        String order = unique("cc_stale");
        String user = unique("u");
        String body = SignedDeposit.body(order, user, coin, "3");
        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                .statusCode(422).body("error", equalTo("WEBHOOK_004")).body("message", containsString("older than 60 minutes"));
        assertNothingWritten(order);

        DB.update("insert into price (coin, quote, price, source, observed_at) values (?, 'DGT', 12.5, 'test', now())", coin);
        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                .statusCode(200).body("data.processed", equalTo(true)).body("data.dgtCredited", equalTo(37.5f));
        assertEquals(0, new BigDecimal("37.50").compareTo(balance(user)));
    }

    @Test
    void thePriceMaxAgeAnAdminSetsInTheDatabaseWinsOverConfiguration() throws Exception {
        String coin = "Y" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        DB.update("insert into price (coin, quote, price, source, observed_at) values (?, 'DGT', 10, 'test', now() - interval '10 minutes')", coin);
        String order = unique("cc_maxage");
        String body = SignedDeposit.body(order, unique("u"), coin, "1");
        DB.update("insert into source_policy (source, price_max_age_seconds) values ('ccpayment', 300)");
        try {
            post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                    .statusCode(422).body("error", equalTo("WEBHOOK_004")).body("message", containsString("older than 5 minutes"));
            assertNothingWritten(order);
        } finally {
            DB.update("delete from source_policy where source = 'ccpayment'");
        }
        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then().statusCode(200).body("data.processed", equalTo(true));
    }

    /**
     * Another transaction holds the deposit's receipt key, so the call cannot finish within the test profile's 5 s
     * processing timeout: the provider is answered WEBHOOK_006 (504). The work is not abandoned: once the way is clear
     * it commits, and the provider's retry gets that result without a second credit.
     */
    @Test
    void aCallThatCannotFinishInTimeIsAnswered504AndItsWorkCompletesOnce() throws Exception {
        String order = unique("cc_slow");
        String user = unique("u");
        String body = SignedDeposit.body(order, user, "ETH", "0.001");
        try (var blocker = DB.connect()) {
            blocker.setAutoCommit(false);
            try (var insert = blocker.prepareStatement("insert into inbound_receipt (source, external_id, request_id, status) "
                    + "values ('ccpayment', ?, 'req_blocker', 'processing')")) {
                insert.setString(1, order);
                insert.executeUpdate();
            }
            post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                    .statusCode(504).body("error", equalTo("WEBHOOK_006")).body("requestId", notNullValue())
                    .body("message", containsString("retry the same call"));
            assertEquals(0, DB.count("select count(*) from ledger_entry where user_id = ?", user), "nothing applied while blocked");
            blocker.rollback();
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> DB.count("select count(*) from ledger_entry where user_id = ?", user) == 1);
        post(body, SignedDeposit.signature(body), SignedDeposit.now()).then()
                .statusCode(200).body("data.processed", equalTo(false)).body("data.dgtCredited", equalTo(35.0f));
        assertEquals(0, new BigDecimal("35.00").compareTo(balance(user)));
        assertEquals(1, DB.count("select count(*) from event where type = 'deposit.confirmed' and payload->>'orderId' = ?", order));
    }

    @Test
    void aDepositBelowItsConfirmationsIsPendingAndTheConfirmingCallCreditsItOnce() throws Exception {
        String order = unique("cc_pending");
        String user = unique("u");
        String three = SignedDeposit.body(order, user, "ETH", "0.001", 3);
        post(three, SignedDeposit.signature(three), SignedDeposit.now()).then().statusCode(200)
                .body("data.processed", equalTo(false)).body("data.status", equalTo("pending")).body("data.confirmations", equalTo(3));
        String six = SignedDeposit.body(order, user, "ETH", "0.001", 6);
        post(six, SignedDeposit.signature(six), SignedDeposit.now()).then().statusCode(200)
                .body("data.status", equalTo("pending")).body("data.confirmations", equalTo(6));
        assertEquals(null, balance(user), "nothing is credited while pending");
        assertEquals("pending", DB.value("select status from inbound_receipt where external_id = ?", order));
        assertEquals(0, DB.count("select count(*) from event where payload->>'orderId' = ?", order));

        String twelve = SignedDeposit.body(order, user, "ETH", "0.001", 12);
        post(twelve, SignedDeposit.signature(twelve), SignedDeposit.now()).then().statusCode(200)
                .body("data.processed", equalTo(true)).body("data.dgtCredited", equalTo(35.0f));
        // A late copy with fewer confirmations changes nothing and answers the credit.
        post(three, SignedDeposit.signature(three), SignedDeposit.now()).then().statusCode(200)
                .body("data.processed", equalTo(false)).body("data.dgtCredited", equalTo(35.0f));
        assertEquals(0, new BigDecimal("35.00").compareTo(balance(user)));
        assertEquals(1, DB.count("select count(*) from ledger_entry where user_id = ?", user));
    }

    @Inject
    DepositService deposits;
    @Inject
    com.fasterxml.jackson.databind.ObjectMapper json;

    /**
     * The route's test runtime handles one request at a time, so the race is run against the service itself: a
     * hundred copies at once, each in its own transaction on its own pooled connection. Only the database can decide.
     */
    @Test
    void aHundredConcurrentCopiesOnSeparateConnectionsCreditExactlyOnceEvenOverAPendingReceipt() throws Exception {
        String order = unique("cc_hundred");
        String user = unique("u");
        String pending = SignedDeposit.body(order, user, "ETH", "0.001", 1);
        post(pending, SignedDeposit.signature(pending), SignedDeposit.now()).then().statusCode(200).body("data.status", equalTo("pending"));
        CcpaymentDeposit deposit = json.readValue(SignedDeposit.body(order, user, "ETH", "0.001"), CcpaymentDeposit.class);
        BigDecimal amount = deposit.validatedAmount();
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String requestId = "req_race_" + i;
            calls.add(() -> io.hookgate.core.Blocking.await(() -> deposits.apply(deposit, amount, java.time.Duration.ofHours(1), requestId)).result().processed());
        }
        List<Boolean> processed = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                processed.add(f.get());
            }
        }
        assertEquals(1, processed.stream().filter(p -> p).count(), "exactly one copy credited");
        assertEquals(0, new BigDecimal("35.00").compareTo(balance(user)));
        assertEquals(1, DB.count("select count(*) from ledger_entry where user_id = ?", user));
        assertEquals(1, DB.count("select count(*) from event where type = 'deposit.confirmed' and payload->>'orderId' = ?", order));
    }

    @Test
    void onlyAllowlistedClientAddressesMayCallAndForwardedForIsBelievedOnlyFromTrustedProxies() throws Exception {
        // The test profile allows 127.0.0.0/8, ::1 and 2001:db8::/32 to call CCPayment routes, and trusts loopback as a proxy.
        String order = unique("cc_ip");
        String body = SignedDeposit.body(order, "55", "ETH", "0.001");
        for (String outsider : List.of("203.0.113.9", "203.0.113.9, 127.0.0.1", "2001:db9::1", "not-an-ip")) {
            given().contentType(ContentType.JSON).header("X-CC-Timestamp", SignedDeposit.now())
                    .header("X-CC-Signature", SignedDeposit.signature(body)).header("X-Forwarded-For", outsider)
                    .body(body).post(PATH).then().statusCode(403).body("error", equalTo("WEBHOOK_008")).body("requestId", notNullValue());
        }
        assertNothingWritten(order);
        assertEquals(2, DB.count("select count(*) from security_audit where kind = 'ip_blocked' and source = 'ccpayment' "
                + "and client_ip = '203.0.113.9' and request_id like 'req_%'"), "each blocked call is in the security audit log");
        given().contentType(ContentType.JSON).header("X-CC-Timestamp", SignedDeposit.now())
                .header("X-CC-Signature", SignedDeposit.signature(body)).header("X-Forwarded-For", "2001:db8::7")
                .body(body).post(PATH).then().statusCode(200).body("data.processed", equalTo(true));
    }

    private static void assertNothingWritten(String order) throws Exception {
        assertEquals(0, DB.count("select count(*) from inbound_receipt where external_id = ?", order));
        assertEquals(0, DB.count("select count(*) from event where payload->>'orderId' = ?", order));
    }
}
