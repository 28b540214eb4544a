-- Issue 18: adaptive rate limiting. An endpoint that answers 429 or 503, or takes its whole timeout, has its rate
-- halved (adaptive_rate, deliveries per minute; null: its configured rate_limit_per_minute applies) and, with a
-- Retry-After, gets nothing before throttled_until; each success at least hookgate.delivery.adaptive-step after the
-- last change raises the rate by half again, until it is back at the configured rate (null).
alter table endpoint add column adaptive_rate double precision check (adaptive_rate > 0);
alter table endpoint add column adaptive_changed_at timestamptz;
alter table endpoint add column throttled_until timestamptz;
