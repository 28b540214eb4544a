package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** DashboardServingTest's checks against the packaged (or native) admin function: its static files are in it. */
@QuarkusIntegrationTest
class DashboardServingIT extends DashboardServingTest {
}
