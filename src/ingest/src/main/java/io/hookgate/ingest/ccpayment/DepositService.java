package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.event.Announcement;
import io.hookgate.event.Appended;
import io.hookgate.event.NewEvent;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.hookgate.trace.TraceParents;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a confirmed deposit exactly once, in one round trip: the SQL function {@code ccpayment_credit_deposit} (V20)
 * claims the receipt (unique per order id), converts at the latest fresh price, credits the account, writes the ledger
 * entry, appends the {@code deposit.confirmed} webhook event and the user's realtime {@code balance_update} through the
 * event journal, and stores the response, as one autocommitted statement. A deposit below its required confirmations
 * is remembered as a pending receipt and credits nothing; the call that confirms it takes the pending receipt over.
 */
@ApplicationScoped
public class DepositService {

    static final String SOURCE = "ccpayment";

    private static final String CREDIT = """
            select outcome, response::text, balance_seq, balance_payload::text
            from ccpayment_credit_deposit($1, $2, $3, $4, $5, $6::text::numeric, $7, $8, $9, $10, $11,
                                          $12::text::jsonb, $13::text::jsonb, $14::text::jsonb, $15)""";
    private static final String RECORD_PENDING = """
            with pending as (
                insert into inbound_receipt (source, external_id, request_id, status, response)
                values ('ccpayment', $1, $2, 'pending', $3::text::jsonb)
                on conflict (source, external_id) do update
                    set request_id = excluded.request_id, response = excluded.response
                    where inbound_receipt.status = 'pending'
                returning id)
            select exists (select 1 from pending) as recorded""";
    private static final String PREVIOUS = "select response::text from inbound_receipt where source = 'ccpayment' and external_id = $1";

    private final CcpaymentConfig config;
    private final ObjectMapper json;
    private final Pool pool;

    public DepositService(CcpaymentConfig config, ObjectMapper json, Pool pool) {
        this.config = config;
        this.json = json;
        this.pool = pool;
    }

    /** What a deposit call produced, and what to announce once it is committed (nothing for a duplicate). */
    public record Outcome(DepositResult result, Announcement announcement) {
    }

    /** Credits a confirmed deposit once, converted at the newest price no older than {@code priceMaxAge}. */
    public Uni<Outcome> apply(CcpaymentDeposit deposit, BigDecimal amount, Duration priceMaxAge, String requestId) {
        String coin = deposit.coin().toUpperCase();
        String txId = Ids.next("tx");
        Object userId = numericIfPossible(deposit.userId());
        Map<String, Object> webhookData = new LinkedHashMap<>();
        webhookData.put("userId", userId);
        webhookData.put("orderId", deposit.orderId());
        webhookData.put("internalTxId", txId);
        webhookData.put("coin", coin);
        webhookData.put("amount", amount.toPlainString());
        webhookData.put("network", deposit.network());
        webhookData.put("transactionHash", deposit.transactionHash());
        webhookData.put("creditCoin", config.creditCoin());
        Map<String, Object> ledgerDetails = new LinkedHashMap<>();
        ledgerDetails.put("coin", deposit.coin());
        ledgerDetails.put("amount", deposit.amount());
        ledgerDetails.put("transactionHash", deposit.transactionHash());
        ledgerDetails.put("network", deposit.network());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("processed", true);
        result.put("userId", userId);
        result.put("internalTxId", txId);
        String depositEventId = Ids.next("evt");
        String balanceEventId = Ids.next("evt");
        return pool.preparedQuery(CREDIT)
                .execute(Tuple.from(new Object[] {deposit.orderId(), requestId, deposit.userId(), coin, config.creditCoin(), amount.toPlainString(),
                        (double) priceMaxAge.toSeconds(), config.tenantId(), txId, depositEventId, balanceEventId,
                        write(webhookData), write(ledgerDetails), write(result), TraceParents.current()}))
                .onFailure(PgException.class).transform(DepositService::refusal)
                .map(rows -> {
                    Row row = rows.iterator().next();
                    DepositResult answer = read(row.getString("response"), DepositResult.class);
                    if (!"credited".equals(row.getString("outcome"))) {
                        return new Outcome(answer.asDuplicate(), Announcement.NONE);
                    }
                    NewEvent deposited = NewEvent.webhook(config.tenantId(), "deposit.confirmed", SOURCE, null);
                    NewEvent balance = NewEvent.toUser(config.tenantId(), "balance_update", SOURCE, row.getString("balance_payload"),
                            deposit.userId());
                    return new Outcome(answer, Announcement.of(new Appended(depositEventId, 0, deposited),
                            new Appended(balanceEventId, row.getLong("balance_seq"), balance)));
                });
    }

    /** The function's refusals (it rolled back everything, the receipt included) as the provider's error codes. */
    private static Throwable refusal(Throwable failure) {
        PgException e = (PgException) failure;
        return switch (e.getSqlState()) {
            case "HG001", "HG003" -> new WebhookException(WebhookError.WEBHOOK_007, e.getErrorMessage());
            case "HG002" -> new WebhookException(WebhookError.WEBHOOK_004, e.getErrorMessage());
            default -> e;
        };
    }

    /**
     * Remembers a deposit that has not reached its required confirmations: nothing is credited. Answers the pending
     * state, or, when the deposit was credited already (a late, lower-confirmation copy), the original result.
     */
    public Uni<Object> recordPending(CcpaymentDeposit deposit, String requestId) {
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("processed", false);
        pending.put("status", "pending");
        pending.put("confirmations", deposit.confirmations());
        pending.put("requiredConfirmations", deposit.requiredConfirmations());
        pending.put("userId", numericIfPossible(deposit.userId()));
        return pool.preparedQuery(RECORD_PENDING).execute(Tuple.of(deposit.orderId(), requestId, write(pending)))
                .chain(rows -> rows.iterator().next().getBoolean("recorded")
                        ? Uni.createFrom().item((Object) pending)
                        : pool.preparedQuery(PREVIOUS).execute(Tuple.of(deposit.orderId()))
                                .map(previous -> (Object) read(previous.iterator().next().getString(0), DepositResult.class).asDuplicate()));
    }

    static Object numericIfPossible(String userId) {
        return userId.matches("\\d{1,18}") ? Long.parseLong(userId) : userId;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
