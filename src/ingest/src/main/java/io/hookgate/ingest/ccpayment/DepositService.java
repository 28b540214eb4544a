package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.event.Event;
import io.hookgate.ingest.common.InboundEvents;
import io.hookgate.ingest.common.WebhookError;
import io.hookgate.ingest.common.WebhookException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.math.BigDecimal;
import java.time.Duration;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Applies a confirmed deposit exactly once, in one transaction: the receipt row (unique per order id) decides whether
 * this call is the first; the first converts at the latest fresh price, credits the account, writes the ledger entry,
 * the {@code deposit.confirmed} event with its outbox row and the realtime {@code balance_update}. A deposit below its
 * required confirmations is remembered as a pending receipt and credits nothing; the call that confirms it takes the
 * pending receipt over.
 */
@ApplicationScoped
public class DepositService {

    static final String SOURCE = "ccpayment";

    private final CcpaymentConfig config;
    private final ObjectMapper json;
    private final InboundEvents events;

    public DepositService(CcpaymentConfig config, ObjectMapper json, InboundEvents events) {
        this.config = config;
        this.json = json;
        this.events = events;
    }

    /** What a deposit call produced; the events are null for a duplicate, which changed nothing. */
    public record Outcome(DepositResult result, String webhookEventId, Event balanceUpdate) {
    }

    /** Credits a confirmed deposit once, converted at the newest price no older than {@code priceMaxAge}. */
    @WithTransaction
    public Uni<Outcome> apply(CcpaymentDeposit deposit, BigDecimal amount, Duration priceMaxAge, String requestId) {
        return Panache.getSession().chain(session -> claimReceipt(session, deposit.orderId(), requestId)
                .chain(first -> first
                        ? credit(session, deposit, amount, priceMaxAge)
                        : previousResult(session, deposit.orderId()).map(r -> new Outcome(r.asDuplicate(), null, null))));
    }

    /**
     * Remembers a deposit that has not reached its required confirmations: nothing is credited. Answers the pending
     * state, or, when the deposit was credited already (a late, lower-confirmation copy), the original result.
     */
    @WithTransaction
    public Uni<Object> recordPending(CcpaymentDeposit deposit, String requestId) {
        Map<String, Object> pending = new LinkedHashMap<>();
        pending.put("processed", false);
        pending.put("status", "pending");
        pending.put("confirmations", deposit.confirmations());
        pending.put("requiredConfirmations", deposit.requiredConfirmations());
        pending.put("userId", numericIfPossible(deposit.userId()));
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                                insert into inbound_receipt (source, external_id, request_id, status, response)
                                values (:source, :orderId, :requestId, 'pending', cast(cast(:response as text) as jsonb))
                                on conflict (source, external_id) do update
                                    set request_id = excluded.request_id, response = excluded.response
                                    where inbound_receipt.status = 'pending'
                                returning id""")
                        .setParameter("source", SOURCE).setParameter("orderId", deposit.orderId())
                        .setParameter("requestId", requestId).setParameter("response", write(pending))
                        .getResultList()
                        .chain(rows -> rows.isEmpty()
                                ? previousResult(session, deposit.orderId()).map(r -> (Object) r.asDuplicate())
                                : Uni.createFrom().item((Object) pending)));
    }

    private Uni<Boolean> claimReceipt(Mutiny.Session session, String orderId, String requestId) {
        // Concurrent copies wait on the unique index (or the pending row's lock) until the first commits, then find
        // it processed: exactly one credits. A pending receipt is taken over by the call that confirms it.
        return session.createNativeQuery("""
                        insert into inbound_receipt (source, external_id, request_id, status)
                        values (:source, :orderId, :requestId, 'processing')
                        on conflict (source, external_id) do update
                            set status = 'processing', request_id = excluded.request_id
                            where inbound_receipt.status = 'pending'
                        returning id""")
                .setParameter("source", SOURCE).setParameter("orderId", orderId).setParameter("requestId", requestId)
                .getResultList()
                .map(rows -> !rows.isEmpty());
    }

    private Uni<DepositResult> previousResult(Mutiny.Session session, String orderId) {
        return session.<String>createNativeQuery("select response::text from inbound_receipt where source = :source and external_id = :orderId")
                .setParameter("source", SOURCE).setParameter("orderId", orderId)
                .getSingleResult()
                .map(text -> read(text, DepositResult.class));
    }

    private Uni<Outcome> credit(Mutiny.Session session, CcpaymentDeposit deposit, BigDecimal amount, Duration priceMaxAge) {
        String coin = deposit.coin().toUpperCase();
        String userId = deposit.userId();
        String txId = Ids.next("tx");
        return latestPrice(session, coin, priceMaxAge).chain(rate -> {
            BigDecimal credited = amount.multiply(rate).setScale(2, RoundingMode.DOWN);
            if (!CryptoAmount.fitsColumn(credited)) {
                // refused inside the transaction: the receipt claimed above rolls back with it
                throw new WebhookException(WebhookError.WEBHOOK_007, "amount × rate is beyond what a balance holds");
            }
            return addToBalance(session, userId, credited).chain(newBalance -> {
                DepositResult result = new DepositResult(true, credited, money(rate), numericIfPossible(userId), txId);
                Map<String, Object> webhookData = new LinkedHashMap<>();
                webhookData.put("userId", result.userId());
                webhookData.put("orderId", deposit.orderId());
                webhookData.put("internalTxId", txId);
                webhookData.put("coin", coin);
                webhookData.put("amount", amount.toPlainString());
                webhookData.put("network", deposit.network());
                webhookData.put("transactionHash", deposit.transactionHash());
                webhookData.put("creditCoin", config.creditCoin());
                webhookData.put("credited", credited);
                webhookData.put("conversionRate", result.conversionRate());
                webhookData.put("newBalance", newBalance);
                Map<String, Object> balanceData = new LinkedHashMap<>();
                balanceData.put("userId", result.userId());
                balanceData.put("coin", config.creditCoin());
                balanceData.put("newBalance", newBalance);
                balanceData.put("change", credited);
                return ledger(session, txId, userId, credited, newBalance, deposit)
                        .chain(() -> events.webhook(session, config.tenantId(), SOURCE, "deposit.confirmed", webhookData))
                        .chain(eventId -> events.realtime(session, config.tenantId(), SOURCE, "balance_update", balanceData, userId)
                                .map(balanceEvent -> new Outcome(result, eventId, balanceEvent)))
                        .call(() -> session.createNativeQuery("""
                                        update inbound_receipt set status = 'processed', response = cast(cast(:response as text) as jsonb)
                                        where source = :source and external_id = :orderId""")
                                .setParameter("response", write(result)).setParameter("source", SOURCE)
                                .setParameter("orderId", deposit.orderId()).executeUpdate());
            });
        });
    }

    /**
     * The newest price of the coin, if it is at most {@code maxAge} old (prices are positive: the schema
     * refuses zero). A coin with no price at all is unknown (WEBHOOK_007); one whose newest price is too old cannot be
     * converted now (WEBHOOK_004). Either way the transaction rolls back and nothing is recorded.
     */
    private Uni<BigDecimal> latestPrice(Mutiny.Session session, String coin, Duration maxAge) {
        return session.<Object[]>createNativeQuery("""
                        select price, observed_at >= now() - make_interval(secs => :maxAge), observed_at::text
                        from price where coin = :coin and quote = :quote
                        order by observed_at desc limit 1""")
                .setParameter("coin", coin).setParameter("quote", config.creditCoin())
                .setParameter("maxAge", (double) maxAge.toSeconds())
                .getResultList()
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new WebhookException(WebhookError.WEBHOOK_007, "coin " + coin + " is not supported: no "
                                + config.creditCoin() + " price has ever been recorded for it");
                    }
                    Object[] newest = rows.getFirst();
                    if (!Boolean.TRUE.equals(newest[1])) {
                        throw new WebhookException(WebhookError.WEBHOOK_004, "the newest " + config.creditCoin() + " price of "
                                + coin + " (" + newest[2] + ") is older than " + maxAge.toMinutes()
                                + " minutes; retry after the price feed has updated it");
                    }
                    return (BigDecimal) newest[0];
                });
    }

    private Uni<BigDecimal> addToBalance(Mutiny.Session session, String userId, BigDecimal credited) {
        return session.<BigDecimal>createNativeQuery("""
                        insert into account (user_id, coin, balance) values (:userId, :coin, :amount)
                        on conflict (user_id, coin) do update set balance = account.balance + excluded.balance, updated_at = now()
                        returning balance""")
                .setParameter("userId", userId).setParameter("coin", config.creditCoin()).setParameter("amount", credited)
                .getSingleResult()
                .map(DepositService::money);
    }

    private Uni<Integer> ledger(Mutiny.Session session, String txId, String userId, BigDecimal credited, BigDecimal balance,
                                CcpaymentDeposit deposit) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("coin", deposit.coin());
        details.put("amount", deposit.amount());
        details.put("transactionHash", deposit.transactionHash());
        details.put("network", deposit.network());
        return session.createNativeQuery("""
                        insert into ledger_entry (id, user_id, coin, amount, balance_after, kind, reference, details)
                        values (:id, :userId, :coin, :amount, :balance, 'deposit', :reference, cast(cast(:details as text) as jsonb))""")
                .setParameter("id", txId).setParameter("userId", userId).setParameter("coin", config.creditCoin())
                .setParameter("amount", credited).setParameter("balance", balance)
                .setParameter("reference", SOURCE + ":" + deposit.orderId()).setParameter("details", write(details))
                .executeUpdate();
    }

    private static BigDecimal money(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 2 ? stripped.setScale(2, RoundingMode.UNNECESSARY) : stripped;
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
