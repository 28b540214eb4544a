package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** BroadcastTest's checks against the native admin function. */
@QuarkusIntegrationTest
class BroadcastIT extends BroadcastTest {
}
