package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.event.OutboxPublisher;
import io.hookgate.event.RealtimeNotifier;
import io.hookgate.ingest.common.Answers;
import io.hookgate.ingest.common.JsonBody;
import io.hookgate.ingest.common.ProcessingDeadline;
import io.hookgate.ingest.common.SourcePolicies;
import io.hookgate.ingest.common.SourcePolicy;
import io.hookgate.ingest.common.RequestId;
import io.hookgate.ingest.common.SourceRateLimit;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.math.BigDecimal;

/** {@code POST /api/webhook/ccpayment/deposit}: CCPayment's deposit confirmation, verified, applied once, published. */
@Path("/api/webhook/ccpayment/deposit")
public class CcpaymentDepositRoute {

    private static final Logger LOG = Logger.getLogger(CcpaymentDepositRoute.class);

    private final CcpaymentConfig config;
    private final DepositService deposits;
    private final OutboxPublisher outbox;
    private final RealtimeNotifier realtime;
    private final ObjectMapper json;
    private final SourceRateLimit limits;
    private final SourcePolicies policies;
    private final ProcessingDeadline deadline;

    public CcpaymentDepositRoute(CcpaymentConfig config, DepositService deposits, OutboxPublisher outbox,
                                 RealtimeNotifier realtime, ObjectMapper json, SourceRateLimit limits,
            SourcePolicies policies, ProcessingDeadline deadline) {
        this.config = config;
        this.deposits = deposits;
        this.outbox = outbox;
        this.realtime = realtime;
        this.limits = limits;
        this.policies = policies;
        this.deadline = deadline;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> receive(byte[] rawBody, @Context HttpServerRequest request,
                                 @HeaderParam("X-CC-Signature") String signature,
                                 @HeaderParam("X-CC-Timestamp") String timestamp) {
        String requestId = RequestId.begin();
        return policies.admit(DepositService.SOURCE, config.rateLimit(), config.rateWindow(), request)
                .invoke(() -> CcpaymentSignature.verifyCall(config, rawBody, signature, timestamp))
                .call(policy -> limits.take(DepositService.SOURCE, 1, policy))
                .chain(policy -> deadline.bound(process(JsonBody.read(json, rawBody, CcpaymentDeposit.class), policy, requestId)))
                .map(data -> Answers.ok(data, requestId));
    }

    private Uni<Object> process(CcpaymentDeposit deposit, SourcePolicy policy, String requestId) {
        BigDecimal amount = deposit.validatedAmount();
        if (deposit.awaitingConfirmations()) {
            // Remembered as pending; the credit happens on the call that reaches the required confirmations.
            return deposits.recordPending(deposit, requestId);
        }
        return deposits.apply(deposit, amount, policy.priceMaxAge().orElse(config.priceMaxAge()), requestId)
                .call(outcome -> outcome.webhookEventId() == null ? Uni.createFrom().voidItem() : outbox.publish(outcome.webhookEventId()))
                .call(outcome -> outcome.balanceUpdate() == null ? Uni.createFrom().voidItem() : realtime.notify(outcome.balanceUpdate()))
                .map(outcome -> {
                    LOG.infof("deposit %s for user %s: processed=%s", deposit.orderId(), deposit.userId(), outcome.result().processed());
                    return outcome.result();
                });
    }
}
