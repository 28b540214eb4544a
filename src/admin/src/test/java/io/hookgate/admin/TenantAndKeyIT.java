package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** TenantAndKeyTest's checks against the native admin function. */
@QuarkusIntegrationTest
class TenantAndKeyIT extends TenantAndKeyTest {
}
