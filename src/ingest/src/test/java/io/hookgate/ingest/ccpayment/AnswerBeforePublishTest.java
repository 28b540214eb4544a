package io.hookgate.ingest.ccpayment;

import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service deployment's setting {@code hookgate.outbox.publish=after-answer}: the deposit is answered
 * without waiting for its publish, and the event is still published (and its balance update NOTIFYed) right after.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
@TestProfile(AnswerBeforePublishTest.AnswerFirst.class)
class AnswerBeforePublishTest {

    public static class AnswerFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hookgate.outbox.publish", "after-answer");
        }
    }

    static final TestDatabase DB = TestDatabase.shared();

    @Test
    void theEventIsStillPublishedWhenTheAnswerDoesNotWaitForIt() throws Exception {
        CcpaymentDepositRouteTest.prices();
        String order = CcpaymentDepositRouteTest.unique("answer_first");
        String body = SignedDeposit.body(order, "4712", "ETH", "0.1");
        CcpaymentDepositRouteTest.post(body, SignedDeposit.signature(body), SignedDeposit.now()).then().statusCode(200)
                .body("data.processed", equalTo(true));

        String eventId = (String) DB.value("select id from event where type = 'deposit.confirmed' and payload->>'orderId' = ?", order);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                DB.count("select count(*) from outbox where event_id = ? and published_at is not null", eventId) == 1);
        assertEquals(1, DB.count("select count(*) from event where type = 'balance_update' and user_id = '4712' and payload->>'change' is not null"
                + " and created_at > now() - interval '1 minute'"));
    }
}
