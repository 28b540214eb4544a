package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** AuthCoverageTest's checks against the native admin function. */
@QuarkusIntegrationTest
class AuthCoverageIT extends AuthCoverageTest {
}
