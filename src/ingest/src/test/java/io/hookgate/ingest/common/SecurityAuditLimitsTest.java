package io.hookgate.ingest.common;

import io.hookgate.audit.AuditRetention;
import io.hookgate.devstack.HookgateTestResource;
import io.hookgate.devstack.TestDatabase;
import io.hookgate.core.Blocking;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The security audit log cannot be flooded (rows per minute per address) and does not grow for ever (retention). */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class SecurityAuditLimitsTest {

    static final TestDatabase DB = TestDatabase.shared();

    @Inject
    AuditRetention retention;

    @Test
    void aFloodOfBadSignaturesWritesAtMostTheMinutesRowsAndSaysHowManyWereLeftOut() throws Exception {
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            requestIds.add(given().contentType(ContentType.JSON).header("X-API-Key", "test-price-key").header("X-Signature", "00")
                    .body("{\"n\":" + i + "}").post("/api/webhook/price-update").then().statusCode(401).extract().header("X-Request-Id"));
        }
        long written = DB.count("select count(*) from security_audit where request_id = any(?)", (Object) requestIds.toArray(String[]::new));
        assertTrue(written > 0, "refusals are audited");
        assertTrue(written <= 200, "at most 100 rows a minute (two minutes if the clock turned meanwhile): " + written);
    }

    @Test
    void rowsBeyondTheRetentionAreDeletedAndRecentOnesKept() throws Exception {
        String marker = "retention-" + System.nanoTime();
        DB.update("insert into security_audit (source, kind, client_ip, request_id, detail, created_at) values "
                + "('t', 'signature_failed', '10.0.0.1', ?, 'old', now() - interval '91 days'), "
                + "('t', 'signature_failed', '10.0.0.1', ?, 'old', now() - interval '400 days'), "
                + "('t', 'signature_failed', '10.0.0.1', ?, 'recent', now() - interval '89 days')", marker + "a", marker + "b", marker + "c");
        assertTrue(Blocking.await(retention::sweep) >= 2);
        assertEquals(List.of(marker + "c"), DB.rows("select request_id from security_audit where request_id like ? order by request_id", marker + "%")
                .stream().map(row -> row.get("request_id")).toList());
    }
}
