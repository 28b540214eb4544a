-- Per-endpoint token bucket shared by every delivery function instance (default 100 deliveries/min, burst 250).
alter table endpoint
    add column rate_limit_burst integer not null default 250 check (rate_limit_burst >= 1),
    add column rate_tokens double precision,
    add column rate_refilled_at timestamptz;
alter table endpoint add constraint endpoint_rate_limit_positive check (rate_limit_per_minute >= 1);
