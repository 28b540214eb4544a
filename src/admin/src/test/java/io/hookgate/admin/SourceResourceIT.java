package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** SourceResourceTest's checks against the native admin function. */
@QuarkusIntegrationTest
class SourceResourceIT extends SourceResourceTest {
}
