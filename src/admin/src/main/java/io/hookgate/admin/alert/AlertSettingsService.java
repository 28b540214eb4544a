package io.hookgate.admin.alert;

import io.hookgate.admin.common.SqlTimes;
import io.hookgate.admin.common.Tenants;
import io.hookgate.alert.AlertConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** Reads and sets an organisation's row of {@code tenant_alert_settings}; the delivery side reads it at each health check. */
@ApplicationScoped
public class AlertSettingsService {

    private final AlertConfig config;

    public AlertSettingsService(AlertConfig config) {
        this.config = config;
    }

    @WithSession
    public Uni<AlertSettings.View> get(String tenantId) {
        return Tenants.requireExists(tenantId).chain(() -> Panache.getSession()).chain(session -> session.<Object[]>createNativeQuery("""
                        select min_success_rate, max_p95_ms, min_attempts, updated_at from tenant_alert_settings where tenant_id = :tenant""")
                .setParameter("tenant", tenantId).getResultList())
                .map(rows -> view(tenantId, rows));
    }

    @WithTransaction
    public Uni<AlertSettings.View> put(String tenantId, AlertSettings.Request request) {
        return Tenants.requireExists(tenantId).chain(() -> Panache.getSession()).chain(session -> session.createNativeQuery("""
                        insert into tenant_alert_settings (tenant_id, min_success_rate, max_p95_ms, min_attempts, updated_at)
                        values (:tenant, :rate, :p95, :attempts, now())
                        on conflict (tenant_id) do update set min_success_rate = excluded.min_success_rate,
                            max_p95_ms = excluded.max_p95_ms, min_attempts = excluded.min_attempts, updated_at = now()""")
                .setParameter("tenant", tenantId).setParameter("rate", request.minSuccessRate())
                .setParameter("p95", request.maxP95ResponseTime()).setParameter("attempts", request.minAttempts())
                .executeUpdate())
                .chain(() -> get(tenantId));
    }

    private AlertSettings.View view(String tenantId, List<Object[]> rows) {
        Object[] row = rows.isEmpty() ? new Object[4] : rows.getFirst();
        return new AlertSettings.View(tenantId,
                row[0] == null ? config.minSuccessRate() : ((Number) row[0]).doubleValue(),
                row[1] == null ? config.maxP95Ms() : ((Number) row[1]).intValue(),
                row[2] == null ? config.minAttempts() : ((Number) row[2]).intValue(),
                config.degradedWindow().toSeconds(),
                new AlertSettings.Defaults(config.minSuccessRate(), config.maxP95Ms(), config.minAttempts()),
                SqlTimes.toOffset(row[3]));
    }
}
