package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** StatsTest's checks against the native admin function. */
@QuarkusIntegrationTest
class StatsIT extends StatsTest {
}
