package io.hookgate.ingest.analytics;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** AnalyticsEventRouteTest's checks (JSON Schema validation, batches, rate limits) against the native ingest function. */
@QuarkusIntegrationTest
class AnalyticsEventRouteIT extends AnalyticsEventRouteTest {
}
