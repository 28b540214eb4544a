package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.catalogue.EventCatalogue;
import io.hookgate.catalogue.PayloadLimits;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hookgate does not validate the events it builds itself at run time (issue 15: that cost 5 % of the hot path); this
 * test does instead. It makes every kind of event the inbound routes build, then checks every event row the inbound
 * sources wrote in this test run (its own and other tests') against the catalogue's schema for its type.
 */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class BuiltEventsMatchCatalogueTest {

    private static final TestDatabase DB = TestDatabase.shared();

    @Inject
    EventCatalogue catalogue;
    @Inject
    ObjectMapper json;

    @Test
    void everyEventTheInboundRoutesBuildFitsItsCatalogueSchema() throws Exception {
        CcpaymentDepositRouteTest.prices();
        String order = CcpaymentDepositRouteTest.unique("cat_order");
        String body = SignedDeposit.body(order, "4711", "ETH", "0.5");
        CcpaymentDepositRouteTest.post(body, SignedDeposit.signature(body), SignedDeposit.now()).then().statusCode(200);
        String completed = CcpaymentWithdrawalRouteTest.id();
        CcpaymentWithdrawalRouteTest.post(CcpaymentWithdrawalRouteTest.body(completed, "4711", "requested")).statusCode(200);
        CcpaymentWithdrawalRouteTest.post(CcpaymentWithdrawalRouteTest.body(completed, "4711", "completed")).statusCode(200);
        String failed = CcpaymentWithdrawalRouteTest.id();
        CcpaymentWithdrawalRouteTest.post(CcpaymentWithdrawalRouteTest.body(failed, "4711", "failed")).statusCode(200);

        List<Map<String, Object>> rows = DB.rows("""
                select id, type, payload::text as payload from event
                where source = 'ccpayment' or source like 'price-feed:%' or source like 'source:%' or source = 'hookgate'""");
        Set<String> seen = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            String type = (String) row.get("type");
            var payload = json.readTree((String) row.get("payload"));
            seen.add(type);
            List<String> violations = catalogue.resolve(type).map(t -> catalogue.violations(t, payload))
                    .orElseGet(() -> EventCatalogue.isSourceEvent(type) ? PayloadLimits.violations(payload) : List.of("not in the catalogue"));
            violations.forEach(v -> problems.add(row.get("id") + " " + type + ": " + v));
        }
        // the control: the kinds made above are among the rows checked
        assertTrue(seen.containsAll(Set.of("deposit.confirmed", "balance_update", "withdrawal.completed", "withdrawal.failed",
                "transaction_update")), "checked " + seen);
        assertEquals(List.of(), problems);
    }
}
