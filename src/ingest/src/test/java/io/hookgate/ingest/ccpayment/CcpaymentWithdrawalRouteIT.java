package io.hookgate.ingest.ccpayment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** CcpaymentWithdrawalRouteTest's checks against the native ingest function. */
@QuarkusIntegrationTest
class CcpaymentWithdrawalRouteIT extends CcpaymentWithdrawalRouteTest {
}
