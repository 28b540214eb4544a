package io.hookgate.delivery;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** ChannelDeliveryTest's checks (Discord, Slack, Telegram, email through Qute and the mailer) against the native function. */
@QuarkusIntegrationTest
class ChannelDeliveryIT extends ChannelDeliveryTest {
}
