package io.hookgate.ingest.ccpayment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookgate.core.Ids;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.hookgate.ingest.ccpayment.CcpaymentWithdrawal.Checked;
import io.hookgate.ingest.ccpayment.CcpaymentWithdrawal.State;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
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

    static final String INSERT = """
            insert into withdrawal (id, user_id, coin, amount, fee, status, transaction_hash, to_address,
                                    internal_withdrawal_id, failure_reason)
            values ($1, $2, $3, $4::text::numeric, $5::text::numeric, $6, $7, $8, $9, $10)
            on conflict (id) do nothing returning id""";
    static final String LOCKED_STATE = "select status from withdrawal where id = $1 for update";
    static final String UPDATE = """
            update withdrawal set status = $1, transaction_hash = coalesce($2, transaction_hash), fee = $3::text::numeric,
                   failure_reason = $4, updated_at = now()
            where id = $5""";
    static final String LEDGER = """
            insert into ledger_entry (id, user_id, coin, amount, balance_after, kind, reference, details)
            values ($1, $2, $3, $4::text::numeric, null, $5, $6, $7::text::jsonb)""";

    private final CcpaymentConfig config;
    private final Pool pool;
    private final EventJournal journal;
    private final ObjectMapper json;

    public WithdrawalService(CcpaymentConfig config, EventJournal journal, ObjectMapper json, Pool pool) {
        this.config = config;
        this.journal = journal;
        this.json = json;
        this.pool = pool;
    }

    /** What a call produced: the answer, and what to announce after the commit (nothing when nothing changed). */
    public record Outcome(Map<String, Object> result, Announcement announcement) {
    }

    public Uni<Outcome> apply(Checked withdrawal) {
        String id = withdrawal.body().withdrawalId();
        return pool.withTransaction(connection -> insertNew(connection, withdrawal).chain(inserted -> {
            if (inserted) {
                return effects(connection, withdrawal);
            }
            return lockedState(connection, id).chain(current -> {
                if (current == State.REQUESTED && withdrawal.state() != State.REQUESTED) {
                    return update(connection, withdrawal).chain(() -> effects(connection, withdrawal));
                }
                if (current != withdrawal.state()) {
                    LOG.warnf("withdrawal %s is %s; a %s call changes nothing", id, current.wireName(), withdrawal.state().wireName());
                }
                return Uni.createFrom().item(new Outcome(result(withdrawal, current, false), Announcement.NONE));
            });
        }));
    }

    private Uni<Boolean> insertNew(SqlConnection connection, Checked w) {
        return connection.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {w.body().withdrawalId(), w.userId(), w.coin(), w.amount().toPlainString(),
                        w.fee().toPlainString(), w.state().wireName(), w.body().transactionHash(), w.body().toAddress(), internalId(w),
                        w.state() == State.FAILED ? reason(w) : null}))
                .map(rows -> rows.size() > 0);
    }

    private Uni<State> lockedState(SqlConnection connection, String id) {
        return connection.preparedQuery(LOCKED_STATE).execute(Tuple.of(id))
                .map(rows -> State.valueOf(rows.iterator().next().getString("status").toUpperCase()));
    }

    private Uni<Void> update(SqlConnection connection, Checked w) {
        return connection.preparedQuery(UPDATE)
                .execute(Tuple.of(w.state().wireName(), w.body().transactionHash(), w.fee().toPlainString(),
                        w.state() == State.FAILED ? reason(w) : null, w.body().withdrawalId()))
                .replaceWithVoid();
    }

    private Uni<Outcome> effects(SqlConnection connection, Checked w) {
        Uni<Announcement> webhook = switch (w.state()) {
            case REQUESTED -> Uni.createFrom().item(Announcement.NONE);
            case COMPLETED -> ledger(connection, w).chain(() -> webhook(connection, "withdrawal.completed", completedData(w)));
            case FAILED -> webhook(connection, "withdrawal.failed", failedData(w));
        };
        return webhook.chain(announced -> journal.append(connection, NewEvent.toUser(config.tenantId(), "transaction_update",
                                DepositService.SOURCE, write(transactionData(w)), w.userId()))
                .map(update -> new Outcome(result(w, w.state(), true), announced.and(Announcement.of(update)))));
    }

    private Uni<Announcement> webhook(SqlConnection connection, String type, Map<String, Object> data) {
        return journal.append(connection, NewEvent.webhook(config.tenantId(), type, DepositService.SOURCE, write(data))).map(Announcement::of);
    }

    /** The paid-out amount and the network fee, each its own entry, with the transaction hash in the details. */
    private Uni<Void> ledger(SqlConnection connection, Checked w) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("withdrawalId", w.body().withdrawalId());
        details.put("transactionHash", w.body().transactionHash());
        details.put("toAddress", w.body().toAddress());
        details.put("fee", plain(w.fee()));
        Uni<Void> entries = entry(connection, w, "withdrawal", w.amount().negate(), details);
        return w.fee().signum() == 0 ? entries : entries.chain(() -> entry(connection, w, "withdrawal_fee", w.fee().negate(), details));
    }

    private Uni<Void> entry(SqlConnection connection, Checked w, String kind, BigDecimal amount, Map<String, Object> details) {
        return connection.preparedQuery(LEDGER)
                .execute(Tuple.from(new Object[] {Ids.next("tx"), w.userId(), w.coin(), amount.toPlainString(), kind,
                        DepositService.SOURCE + ":" + w.body().withdrawalId(), write(details)}))
                .replaceWithVoid();
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
