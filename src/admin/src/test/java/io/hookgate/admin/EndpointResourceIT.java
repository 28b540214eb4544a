package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** EndpointResourceTest's checks against the native admin function. */
@QuarkusIntegrationTest
class EndpointResourceIT extends EndpointResourceTest {
}
