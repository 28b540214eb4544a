package io.hookgate.ingest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** HostileIngestInputTest's battery against the native ingest function: the input boundary holds there too. */
@QuarkusIntegrationTest
class HostileIngestInputIT extends HostileIngestInputTest {
}
