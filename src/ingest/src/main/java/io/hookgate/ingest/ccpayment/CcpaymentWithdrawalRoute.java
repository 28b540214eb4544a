package io.hookgate.ingest.ccpayment;

import io.hookgate.core.input.RequestJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.event.EventJournal;
import io.hookgate.ingest.common.Answers;
import io.hookgate.ingest.common.JsonBody;
import io.hookgate.ingest.common.ProcessingDeadline;
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


/** {@code POST /api/webhook/ccpayment/withdrawal}: CCPayment's withdrawal callback, verified like deposits, applied once per state. */
@Path("/api/webhook/ccpayment/withdrawal")
public class CcpaymentWithdrawalRoute {

    private static final Logger LOG = Logger.getLogger(CcpaymentWithdrawalRoute.class);

    private final CcpaymentGate gate;
    private final WithdrawalService withdrawals;
    private final EventJournal journal;
    private final ProcessingDeadline deadline;
    private final ObjectMapper json;

    public CcpaymentWithdrawalRoute(CcpaymentGate gate, WithdrawalService withdrawals, EventJournal journal,
                                    ProcessingDeadline deadline, @RequestJson ObjectMapper json) {
        this.gate = gate;
        this.withdrawals = withdrawals;
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
                .chain(() -> deadline.bound(process(JsonBody.read(json, rawBody, CcpaymentWithdrawal.class).checked())))
                .map(result -> Answers.ok(result, requestId));
    }

    private Uni<Object> process(CcpaymentWithdrawal.Checked withdrawal) {
        return withdrawals.apply(withdrawal)
                .call(outcome -> journal.announce(outcome.announcement()))
                .map(outcome -> {
                    LOG.infof("withdrawal %s for user %s: %s, processed=%s", withdrawal.body().withdrawalId(), withdrawal.userId(),
                            outcome.result().get("status"), outcome.result().get("processed"));
                    return outcome.result();
                });
    }
}
