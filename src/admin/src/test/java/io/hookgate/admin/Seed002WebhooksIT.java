package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Seed002WebhooksTest's checks (Seed 002's webhooks, as the seed prints them) against the native admin function. */
@QuarkusIntegrationTest
class Seed002WebhooksIT extends Seed002WebhooksTest {
}
