package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** TenantIsolationTest's checks against the native admin function. */
@QuarkusIntegrationTest
class TenantIsolationIT extends TenantIsolationTest {
}
