package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** HostileAdminInputTest's battery against the native admin function: the input boundary holds there too. */
@QuarkusIntegrationTest
class HostileAdminInputIT extends HostileAdminInputTest {
}
