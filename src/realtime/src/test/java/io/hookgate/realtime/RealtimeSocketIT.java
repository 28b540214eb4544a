package io.hookgate.realtime;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** RealtimeSocketTest's checks (handshake, filtered pushes, resume, limits) against the native realtime service. */
@QuarkusIntegrationTest
class RealtimeSocketIT extends RealtimeSocketTest {
}
