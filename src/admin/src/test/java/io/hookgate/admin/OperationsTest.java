package io.hookgate.admin;

import io.hookgate.admin.metrics.OperationalMetrics;
import io.hookgate.core.Blocking;
import io.hookgate.devstack.HookgateTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.hookgate.admin.EndpointResourceTest.ADMIN_KEY;
import static io.hookgate.admin.EndpointResourceTest.create;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health endpoints and the operational metrics, read from the real database and queue. */
@QuarkusTest
@QuarkusTestResource(HookgateTestResource.class)
class OperationsTest {

    @Inject
    OperationalMetrics metrics;

    @Test
    void readinessChecksTheDatabase() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")).body("checks.status", hasItem("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void metricsReportDeliveriesCircuitsLagAndQueues() throws Exception {
        Blocking.await(metrics::refresh);
        double openBefore = value(scrape(), "hookgate_endpoint_circuits", "state=\"open\"");
        double inFlightBefore = value(scrape(), "hookgate_deliveries_in_flight", "");

        String org = AdminDb.tenant();
        String endpoint = create(ADMIN_KEY, Map.of("orgId", org, "url", "http://127.0.0.1:9/metrics", "events", List.of("*")));
        AdminDb.update("update endpoint set circuit_opened_at = now() where id = ?", endpoint);
        String event = io.hookgate.core.Ids.next("evt");
        AdminDb.update("insert into event (id, tenant_id, type, payload, source) values (?, ?, 'user.created', '{}', 'test')", event, org);
        String delivery = io.hookgate.core.Ids.next("dlv");
        AdminDb.update("insert into delivery (id, tenant_id, event_id, endpoint_id, status, created_at) values (?, ?, ?, ?, 'PENDING', now() - interval '2 minutes')",
                delivery, org, event, endpoint);
        AdminDb.update("insert into delivery_attempt (delivery_id, endpoint_id, attempt_number, trigger, started_at, duration_ms, request_headers, "
                + "response_status) values (?, ?, 1, 'automatic', now(), 250, '{}', 503)", delivery, endpoint);
        Blocking.await(metrics::refresh);

        String text = scrape();
        assertEquals(openBefore + 1, value(text, "hookgate_endpoint_circuits", "state=\"open\""));
        assertEquals(inFlightBefore + 1, value(text, "hookgate_deliveries_in_flight", ""));
        assertTrue(value(text, "hookgate_delivery_lag_seconds", "") >= 119, "the oldest pending delivery is two minutes old");
        assertTrue(value(text, "hookgate_deliveries_last_hour", "status=\"PENDING\"") >= 1);
        assertTrue(value(text, "hookgate_queue_messages", "queue=\"deliveries\",state=\"visible\"") >= 0, "queue depth is reported");
        assertTrue(value(text, "hookgate_delivery_attempt_seconds", "quantile=\"0.99\"") > 0, "attempt latency is reported");
        assertTrue(value(text, "hookgate_delivery_attempts_last_5m", "outcome=\"failure\"") >= 1);
    }

    static String scrape() {
        return given().accept("text/plain").get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a gauge line whose labels contain {@code labels}. */
    static double value(String text, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*\\})? ([0-9.eE+-]+)$").matcher(text);
        while (m.find()) {
            if (m.group(1) == null ? labels.isEmpty() : m.group(1).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + "{" + labels + "} not in /q/metrics");
    }
}
