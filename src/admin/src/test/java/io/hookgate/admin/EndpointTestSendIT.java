package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** TestSendTest's checks against the native admin function. */
@QuarkusIntegrationTest
class EndpointTestSendIT extends TestSendTest {
}
