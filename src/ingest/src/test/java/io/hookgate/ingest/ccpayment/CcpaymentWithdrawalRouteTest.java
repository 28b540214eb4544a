package io.hookgate.ingest.ccpayment;

import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class CcpaymentWithdrawalRouteTest {

    static final String PATH = "/api/webhook/ccpayment/withdrawal";
    static final TestDatabase DB = TestDatabase.shared();

    /** Seed 000's withdrawal callback in the given state. */
    static String body(String id, String user, String state) {
        return """
                {"event":"withdrawal_%s","withdrawal_id":"%s","transaction_hash":"0xabcdef1234567890","coin":"BTC",
                 "amount":"0.001000000000","fee":"0.000100000000","status":"%s",
                 "to_address":"bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh","block_height":820000,"confirmations":3,
                 "timestamp":"2025-01-01T13:00:00Z","reason":"insufficient hot wallet funds",
                 "metadata":{"user_id":"%s","internal_withdrawal_id":"wd_def456"}}""".formatted(state, id, state, user);
    }

    static io.restassured.response.ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).header("X-CC-Timestamp", SignedDeposit.now())
                .header("X-CC-Signature", SignedDeposit.signature(body)).body(body).post(PATH).then();
    }

    static String id() {
        return "cc_wd_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aRequestedWithdrawalCompletesOnceWithItsFeeAndHashInTheLedger() throws Exception {
        String id = id();
        post(body(id, "123", "requested")).statusCode(200).body("data.processed", equalTo(true)).body("data.status", equalTo("requested"));
        assertEquals("requested", DB.value("select status from withdrawal where id = ?", id));
        assertEquals(0, DB.count("select count(*) from ledger_entry where reference = ?", "ccpayment:" + id));

        post(body(id, "123", "completed")).statusCode(200).body("data.processed", equalTo(true)).body("data.status", equalTo("completed"))
                .body("data.userId", equalTo(123));
        var entries = DB.rows("select kind, coin, amount, balance_after, details->>'transactionHash' as hash from ledger_entry "
                + "where reference = ? order by kind", "ccpayment:" + id);
        assertEquals(List.of("withdrawal", "withdrawal_fee"), entries.stream().map(e -> e.get("kind")).toList());
        assertEquals(0, new BigDecimal("-0.001").compareTo((BigDecimal) entries.get(0).get("amount")));
        assertEquals(0, new BigDecimal("-0.0001").compareTo((BigDecimal) entries.get(1).get("amount")));
        assertEquals("BTC", entries.get(0).get("coin"));
        assertEquals("0xabcdef1234567890", entries.get(0).get("hash"));
        assertNull(entries.get(0).get("balance_after"));
        var event = DB.rows("select payload->>'fee' as fee, payload->>'transactionHash' as hash from event "
                + "where type = 'withdrawal.completed' and payload->>'withdrawalId' = ?", id);
        assertEquals(1, event.size());
        assertEquals("0.0001", event.getFirst().get("fee"));
        assertEquals(2, DB.count("select count(*) from event where type = 'transaction_update' and payload->>'txId' = ?", id),
                "the user saw requested, then completed");

        // Again, and a contradicting failure afterwards: nothing changes.
        post(body(id, "123", "completed")).statusCode(200).body("data.processed", equalTo(false)).body("data.status", equalTo("completed"));
        post(body(id, "123", "failed")).statusCode(200).body("data.processed", equalTo(false)).body("data.status", equalTo("completed"));
        assertEquals(2, DB.count("select count(*) from ledger_entry where reference = ?", "ccpayment:" + id));
        assertEquals(1, DB.count("select count(*) from event where type like 'withdrawal.%' and payload->>'withdrawalId' = ?", id));
    }

    @Test
    void aFailedWithdrawalEmitsWithdrawalFailedWithItsReasonAndWritesNoLedger() throws Exception {
        String id = id();
        post(body(id, "77", "failed")).statusCode(200).body("data.processed", equalTo(true)).body("data.status", equalTo("failed"));
        assertEquals("insufficient hot wallet funds", DB.value("select failure_reason from withdrawal where id = ?", id));
        assertEquals("insufficient hot wallet funds", DB.value(
                "select payload->>'reason' from event where type = 'withdrawal.failed' and payload->>'withdrawalId' = ?", id));
        assertEquals(0, DB.count("select count(*) from ledger_entry where reference = ?", "ccpayment:" + id));
        post(body(id, "77", "requested")).statusCode(200).body("data.processed", equalTo(false)).body("data.status", equalTo("failed"));
    }

    @Test
    void badWithdrawalsGetTheirCodesAndWriteNothing() throws Exception {
        String id = id();
        post(body(id, "1", "cancelled")).statusCode(400).body("error", equalTo("WEBHOOK_003"));
        post(body(id, "1", "completed").replace("\"status\":\"completed\"", "\"status\":\"failed\"")).statusCode(400)
                .body("error", equalTo("WEBHOOK_007")).body("message", containsString("contradicts"));
        post(body(id, "1", "completed").replace("\"0.001000000000\"", "\"-1\"")).statusCode(400).body("message", containsString("amount"));
        post(body(id, "1", "completed").replace("\"transaction_hash\":\"0xabcdef1234567890\",", "")).statusCode(400)
                .body("message", containsString("transaction_hash"));
        String body = body(id, "1", "completed");
        given().contentType(ContentType.JSON).header("X-CC-Timestamp", SignedDeposit.now()).header("X-CC-Signature", "sha256=00")
                .body(body).post(PATH).then().statusCode(401).body("error", equalTo("WEBHOOK_001"));
        assertEquals(0, DB.count("select count(*) from withdrawal where id = ?", id));
    }
}
