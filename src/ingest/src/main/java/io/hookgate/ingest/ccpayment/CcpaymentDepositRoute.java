package io.hookgate.ingest.ccpayment;

import io.hookgate.core.input.RequestJson;
import io.hookgate.event.EventJournal;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.ingest.common.Answers;
import io.hookgate.ingest.common.JsonBody;
import io.hookgate.ingest.common.ProcessingDeadline;
import io.hookgate.ingest.common.SourcePolicy;
import io.hookgate.ingest.common.RequestId;
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
    private final CcpaymentGate gate;
    private final DepositService deposits;
    private final EventJournal journal;
    private final ProcessingDeadline deadline;
    private final ObjectMapper json;

    public CcpaymentDepositRoute(CcpaymentConfig config, CcpaymentGate gate, DepositService deposits, EventJournal journal,
                                 ProcessingDeadline deadline, @RequestJson ObjectMapper json) {
        this.config = config;
        this.gate = gate;
        this.deposits = deposits;
        this.journal = journal;
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
        return gate.admit(rawBody, request, signature, timestamp)
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
                .call(outcome -> journal.announce(outcome.announcement()))
                .map(outcome -> {
                    // DEBUG: one line per deposit costs ingest 5 % of its CPU at load; the receipt row records each
                    LOG.debugf("deposit %s for user %s: processed=%s", deposit.orderId(), deposit.userId(), outcome.result().processed());
                    return outcome.result();
                });
    }
}
