package io.hookgate.admin;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Seed004EndpointsTest's checks (Seed 004's endpoints, as the seed prints them) against the native admin function. */
@QuarkusIntegrationTest
class Seed004EndpointsIT extends Seed004EndpointsTest {
}
