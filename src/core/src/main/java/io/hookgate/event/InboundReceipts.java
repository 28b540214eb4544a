package io.hookgate.event;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Exactly-once inbound effects, beside the {@link EventJournal} (DESIGN §6.9): a receipt per source and external id,
 * claimed inside the transaction of the effect it guards. A concurrent copy waits on the unique index until the first
 * commits and then finds it taken; a later copy reads the first call's stored answer. The CCPayment deposit's receipt
 * lives in its one-statement SQL function (V20), with the same table and rules.
 */
@ApplicationScoped
public class InboundReceipts {

    static final String CLAIM = """
            insert into inbound_receipt (source, external_id, request_id, status) values ($1, $2, $3, 'processing')
            on conflict (source, external_id) do nothing returning id""";
    static final String ANSWER = "select response::text as response from inbound_receipt where source = $1 and external_id = $2";
    static final String RECORD = """
            update inbound_receipt set status = 'processed', response = $3::text::jsonb where source = $1 and external_id = $2""";

    /** Whether this call is the first with this external id (and now holds its receipt). */
    public Uni<Boolean> claim(SqlClient transaction, String source, String externalId, String requestId) {
        return transaction.preparedQuery(CLAIM).execute(Tuple.of(source, externalId, requestId)).map(rows -> rows.size() > 0);
    }

    /** The answer the first call stored, as JSON text. */
    public Uni<String> answer(SqlClient transaction, String source, String externalId) {
        return transaction.preparedQuery(ANSWER).execute(Tuple.of(source, externalId))
                .map(rows -> rows.iterator().next().getString("response"));
    }

    /** Stores the answer of the call that holds the receipt, for every later copy. */
    public Uni<Void> record(SqlClient transaction, String source, String externalId, String answerJson) {
        return transaction.preparedQuery(RECORD).execute(Tuple.of(source, externalId, answerJson)).replaceWithVoid();
    }
}
