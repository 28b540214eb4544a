package io.hookgate.delivery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * DeliveryFunctionTest's checks against the native delivery function: events fanned out from the events queue,
 * signed calls to the local receiver verified with the Standard Webhooks library, retries, slow lane, attempt log.
 */
@QuarkusIntegrationTest
class DeliveryFunctionIT extends DeliveryFunctionTest {
}
