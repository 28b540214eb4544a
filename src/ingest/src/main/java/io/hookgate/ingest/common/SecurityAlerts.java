package io.hookgate.ingest.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookgate.event.Announcement;
import io.hookgate.event.EventJournal;
import io.hookgate.event.NewEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The inbound side's operational events ({@code security.signature_failures}, {@code security.ip_blocked},
 * {@code security.source_blocked}): at most one of a type per source and client address per
 * {@link SuspiciousActivityConfig#alertInterval()}, for the registered source's organisation or, for a built-in
 * source, {@link SuspiciousActivityConfig#alertTenant()}.
 */
@ApplicationScoped
public class SecurityAlerts {

    /** Stamps the subject's alert unless one was announced within the interval; answers the organisation when it is due. */
    static final String DUE = """
            with alerted as (
                insert into security_alert (source, client_ip, type, alerted_at) values ($1, $2, $3, now())
                on conflict (source, client_ip, type) do update set alerted_at = now()
                where security_alert.alerted_at <= now() - make_interval(secs => $4)
                returning source)
            select coalesce((select tenant_id from inbound_source where id = alerted.source), $5) as tenant from alerted""";

    private final EventJournal journal;
    private final SuspiciousActivityConfig config;

    public SecurityAlerts(EventJournal journal, SuspiciousActivityConfig config) {
        this.journal = journal;
        this.config = config;
    }

    /** In the caller's transaction: the alert appended, to announce after the commit, or none when one is recent. */
    public Uni<Announcement> announce(SqlConnection connection, String source, String clientIp, String type, ObjectNode data) {
        return connection.preparedQuery(DUE)
                .execute(Tuple.of(source, clientIp, type, config.alertInterval().toMillis() / 1000.0, config.alertTenant()))
                .chain(rows -> rows.size() == 0 ? Uni.createFrom().item(Announcement.NONE)
                        : journal.append(connection, NewEvent.webhook(rows.iterator().next().getString("tenant"), type, "hookgate",
                                data.toString())).map(Announcement::of));
    }
}
