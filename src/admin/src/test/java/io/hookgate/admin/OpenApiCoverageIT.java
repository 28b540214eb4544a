package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** OpenApiCoverageTest's checks against the native admin function. */
@QuarkusIntegrationTest
class OpenApiCoverageIT extends OpenApiCoverageTest {
}
