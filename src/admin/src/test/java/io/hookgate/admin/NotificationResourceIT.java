package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** NotificationResourceTest's checks against the native admin function. */
@QuarkusIntegrationTest
class NotificationResourceIT extends NotificationResourceTest {
}
