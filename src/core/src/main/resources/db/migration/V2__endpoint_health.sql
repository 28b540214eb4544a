-- Per-endpoint health shared by every delivery function instance: circuit breaker and auto-disable.
alter table endpoint
    add column failing_since timestamptz,
    add column consecutive_failed_deliveries integer not null default 0,
    add column disabled_at timestamptz;
