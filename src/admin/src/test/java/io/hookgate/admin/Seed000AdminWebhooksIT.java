package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Seed000AdminWebhooksTest's checks (Seed 000's admin webhooks, as the seed prints them) against the native admin function. */
@QuarkusIntegrationTest
class Seed000AdminWebhooksIT extends Seed000AdminWebhooksTest {
}
