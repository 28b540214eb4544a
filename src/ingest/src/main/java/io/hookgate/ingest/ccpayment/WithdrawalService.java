package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.hookgate.ingest.ccpayment.CcpaymentWithdrawal.Checked;
import io.hookgate.ingest.ccpayment.CcpaymentWithdrawal.State;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves a withdrawal through requested → completed | failed, once per state, in one transaction under the row's lock.
 * A completed withdrawal writes its amount and network fee to the ledger with the transaction hash and emits
 * {@code withdrawal.completed}; a failed one emits {@code withdrawal.failed}; every change pushes the user a realtime
 * {@code transaction_update}. A repeated or out-of-order call (completed after failed, requested after completed)
 * changes nothing and answers the withdrawal's state with {@code processed: false}.
 */
@ApplicationScoped
public class WithdrawalService {

    private static final Logger LOG = Logger.getLogger(WithdrawalService.class);

    private final CcpaymentConfig config;
    private final EventJournal journal;
    private final ObjectMapper json;

    public WithdrawalService(CcpaymentConfig config, EventJournal journal, ObjectMapper json) {
        this.config = config;
        this.journal = journal;
        this.json = json;
    }

    /** What a call produced: the answer, and what to announce after the commit (nothing when nothing changed). */
    public record Outcome(Map<String, Object> result, Announcement announcement) {
    }

    @WithTransaction
    public Uni<Outcome> apply(Checked withdrawal) {
        String id = withdrawal.body().withdrawalId();
        return Panache.getSession().chain(session -> insertNew(session, withdrawal).chain(inserted -> {
            if (inserted) {
                return effects(session, withdrawal);
            }
            return lockedState(session, id).chain(current -> {
                if (current == State.REQUESTED && withdrawal.state() != State.REQUESTED) {
                    return update(session, withdrawal).chain(() -> effects(session, withdrawal));
                }
                if (current != withdrawal.state()) {
                    LOG.warnf("withdrawal %s is %s; a %s call changes nothing", id, current.wireName(), withdrawal.state().wireName());
                }
                return Uni.createFrom().item(new Outcome(result(withdrawal, current, false), Announcement.NONE));
            });
        }));
    }

    private Uni<Boolean> insertNew(Mutiny.Session session, Checked w) {
        return session.createNativeQuery("""
                        insert into withdrawal (id, user_id, coin, amount, fee, status, transaction_hash, to_address,
                                                internal_withdrawal_id, failure_reason)
                        values (:id, :user, :coin, :amount, :fee, :status, :hash, :to, :internal, :reason)
                        on conflict (id) do nothing returning id""")
                .setParameter("id", w.body().withdrawalId()).setParameter("user", w.userId()).setParameter("coin", w.coin())
                .setParameter("amount", w.amount()).setParameter("fee", w.fee()).setParameter("status", w.state().wireName())
                .setParameter("hash", w.body().transactionHash()).setParameter("to", w.body().toAddress())
                .setParameter("internal", internalId(w)).setParameter("reason", w.state() == State.FAILED ? reason(w) : null)
                .getResultList()
                .map(rows -> !rows.isEmpty());
    }

    private Uni<State> lockedState(Mutiny.Session session, String id) {
        return session.<String>createNativeQuery("select status from withdrawal where id = :id for update")
                .setParameter("id", id).getSingleResult()
                .map(status -> State.valueOf(status.toUpperCase()));
    }

    private Uni<Integer> update(Mutiny.Session session, Checked w) {
        return session.createNativeQuery("""
                        update withdrawal set status = :status, transaction_hash = coalesce(:hash, transaction_hash), fee = :fee,
                               failure_reason = :reason, updated_at = now()
                        where id = :id""")
                .setParameter("status", w.state().wireName()).setParameter("hash", w.body().transactionHash())
                .setParameter("fee", w.fee()).setParameter("reason", w.state() == State.FAILED ? reason(w) : null)
                .setParameter("id", w.body().withdrawalId())
                .executeUpdate();
    }

    private Uni<Outcome> effects(Mutiny.Session session, Checked w) {
        Uni<Announcement> webhook = switch (w.state()) {
            case REQUESTED -> Uni.createFrom().item(Announcement.NONE);
            case COMPLETED -> ledger(session, w).chain(() -> webhook(session, "withdrawal.completed", completedData(w)));
            case FAILED -> webhook(session, "withdrawal.failed", failedData(w));
        };
        return webhook.chain(announced -> journal.append(session, NewEvent.toUser(config.tenantId(), "transaction_update",
                                DepositService.SOURCE, write(transactionData(w)), w.userId()))
                .map(update -> new Outcome(result(w, w.state(), true), announced.and(Announcement.of(update)))));
    }

    private Uni<Announcement> webhook(Mutiny.Session session, String type, Map<String, Object> data) {
        return journal.append(session, NewEvent.webhook(config.tenantId(), type, DepositService.SOURCE, write(data))).map(Announcement::of);
    }

    /** The paid-out amount and the network fee, each its own entry, with the transaction hash in the details. */
    private Uni<Integer> ledger(Mutiny.Session session, Checked w) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("withdrawalId", w.body().withdrawalId());
        details.put("transactionHash", w.body().transactionHash());
        details.put("toAddress", w.body().toAddress());
        details.put("fee", plain(w.fee()));
        Uni<Integer> entries = entry(session, w, "withdrawal", w.amount().negate(), details);
        return w.fee().signum() == 0 ? entries : entries.chain(() -> entry(session, w, "withdrawal_fee", w.fee().negate(), details));
    }

    private Uni<Integer> entry(Mutiny.Session session, Checked w, String kind, BigDecimal amount, Map<String, Object> details) {
        return session.createNativeQuery("""
                        insert into ledger_entry (id, user_id, coin, amount, balance_after, kind, reference, details)
                        values (:id, :user, :coin, :amount, null, :kind, :reference, cast(cast(:details as text) as jsonb))""")
                .setParameter("id", Ids.next("tx")).setParameter("user", w.userId()).setParameter("coin", w.coin())
                .setParameter("amount", amount).setParameter("kind", kind)
                .setParameter("reference", DepositService.SOURCE + ":" + w.body().withdrawalId()).setParameter("details", write(details))
                .executeUpdate();
    }

    private static Map<String, Object> completedData(Checked w) {
        Map<String, Object> data = common(w);
        data.put("fee", plain(w.fee()));
        data.put("transactionHash", w.body().transactionHash());
        return data;
    }

    private static Map<String, Object> failedData(Checked w) {
        Map<String, Object> data = common(w);
        data.put("reason", reason(w));
        return data;
    }

    private static Map<String, Object> transactionData(Checked w) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("txId", w.body().withdrawalId());
        data.put("status", w.state().wireName());
        data.put("kind", "withdrawal");
        data.put("coin", w.coin());
        data.put("amount", plain(w.amount()));
        if (w.body().transactionHash() != null) {
            data.put("transactionHash", w.body().transactionHash());
        }
        return data;
    }

    private static Map<String, Object> common(Checked w) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("userId", DepositService.numericIfPossible(w.userId()));
        data.put("withdrawalId", w.body().withdrawalId());
        data.put("coin", w.coin());
        data.put("amount", plain(w.amount()));
        return data;
    }

    private static Map<String, Object> result(Checked w, State state, boolean processed) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("processed", processed);
        result.put("withdrawalId", w.body().withdrawalId());
        result.put("status", state.wireName());
        result.put("userId", DepositService.numericIfPossible(w.userId()));
        return result;
    }

    /** {@code 0.000100000000} as {@code 0.0001}, as the catalogue's examples write amounts. */
    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static String reason(Checked w) {
        return w.body().reason() == null || w.body().reason().isBlank() ? "not given by CCPayment" : w.body().reason();
    }

    private static String internalId(Checked w) {
        Object id = w.body().metadata() == null ? null : w.body().metadata().get("internal_withdrawal_id");
        return id == null ? null : id.toString();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
