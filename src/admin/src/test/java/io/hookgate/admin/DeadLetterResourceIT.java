package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** DeadLetterResourceTest's checks against the native admin function. */
@QuarkusIntegrationTest
class DeadLetterResourceIT extends DeadLetterResourceTest {
}
