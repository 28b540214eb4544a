-- Issue 18: endpoint.degraded / endpoint.recovered. An organisation's thresholds over the attempts of the last
-- hookgate.alerts.degraded-window (null columns: the configured defaults), and each endpoint's state: degraded_since
-- while it is below them; degraded_alerted_at / degraded_alert_open fold a flapping endpoint's alerts as the circuit's are.
create table tenant_alert_settings (
    tenant_id         text primary key references tenant (id),
    min_success_rate  double precision check (min_success_rate between 0 and 1),
    max_p95_ms        integer check (max_p95_ms between 1 and 600000),
    min_attempts      integer check (min_attempts between 1 and 100000),
    updated_at        timestamptz not null default now()
);
alter table endpoint add column degraded_since timestamptz;
alter table endpoint add column degraded_alerted_at timestamptz;
alter table endpoint add column degraded_alert_open boolean not null default false;
