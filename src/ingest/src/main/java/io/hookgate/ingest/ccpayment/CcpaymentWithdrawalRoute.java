package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.event.OutboxPublisher;
import io.hookgate.event.RealtimeNotifier;
import io.hookgate.ingest.common.Answers;
import io.hookgate.ingest.common.JsonBody;
import io.hookgate.ingest.common.ProcessingDeadline;
import io.hookgate.ingest.common.SourcePolicies;
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


/** {@code POST /api/webhook/ccpayment/withdrawal}: CCPayment's withdrawal callback, verified like deposits, applied once per state. */
@Path("/api/webhook/ccpayment/withdrawal")
public class CcpaymentWithdrawalRoute {

    private static final Logger LOG = Logger.getLogger(CcpaymentWithdrawalRoute.class);

    private final CcpaymentConfig config;
    private final WithdrawalService withdrawals;
    private final OutboxPublisher outbox;
    private final RealtimeNotifier realtime;
    private final ObjectMapper json;
    private final SourceRateLimit limits;
    private final SourcePolicies policies;
    private final ProcessingDeadline deadline;

    public CcpaymentWithdrawalRoute(CcpaymentConfig config, WithdrawalService withdrawals, OutboxPublisher outbox,
                                    RealtimeNotifier realtime, ObjectMapper json, SourceRateLimit limits,
            SourcePolicies policies, ProcessingDeadline deadline) {
        this.config = config;
        this.withdrawals = withdrawals;
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
                .chain(() -> deadline.bound(process(JsonBody.read(json, rawBody, CcpaymentWithdrawal.class).checked())))
                .map(result -> Answers.ok(result, requestId));
    }

    private Uni<Object> process(CcpaymentWithdrawal.Checked withdrawal) {
        return withdrawals.apply(withdrawal)
                .call(outcome -> outcome.webhookEventId() == null ? Uni.createFrom().voidItem() : outbox.publish(outcome.webhookEventId()))
                .call(outcome -> outcome.transactionUpdate() == null ? Uni.createFrom().voidItem() : realtime.notify(outcome.transactionUpdate()))
                .map(outcome -> {
                    LOG.infof("withdrawal %s for user %s: %s, processed=%s", withdrawal.body().withdrawalId(), withdrawal.userId(),
                            outcome.result().get("status"), outcome.result().get("processed"));
                    return outcome.result();
                });
    }
}
