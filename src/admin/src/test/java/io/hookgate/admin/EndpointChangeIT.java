package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** EndpointChangeTest's checks against the native admin function. */
@QuarkusIntegrationTest
class EndpointChangeIT extends EndpointChangeTest {
}
