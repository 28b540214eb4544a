package io.hookgate.ingest.ccpayment;

import io.hookgate.ingest.common.SourcePolicies;
import io.hookgate.ingest.common.SourcePolicy;
import io.hookgate.ingest.common.SourceRateLimit;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What every CCPayment call passes before its body is read: the source's policy and client address, the body size,
 * X-CC-Timestamp and X-CC-Signature, then the rate limit deposits and withdrawals share.
 */
@ApplicationScoped
class CcpaymentGate {

    private final CcpaymentConfig config;
    private final SourcePolicies policies;
    private final SourceRateLimit limits;

    CcpaymentGate(CcpaymentConfig config, SourcePolicies policies, SourceRateLimit limits) {
        this.config = config;
        this.policies = policies;
        this.limits = limits;
    }

    Uni<SourcePolicy> admit(byte[] rawBody, HttpServerRequest request, String signature, String timestamp) {
        return policies.admit(DepositService.SOURCE, config.rateLimit(), config.rateWindow(), request)
                .invoke(() -> CcpaymentSignature.verifyCall(config, rawBody, signature, timestamp))
                .call(policy -> limits.take(DepositService.SOURCE, 1, policy));
    }
}
