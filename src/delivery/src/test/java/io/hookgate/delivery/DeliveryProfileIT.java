package io.hookgate.delivery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** DeliveryProfileTest's checks against the native delivery function: each seed's envelope and signatures at a real receiver. */
@QuarkusIntegrationTest
class DeliveryProfileIT extends DeliveryProfileTest {
}
