-- Issue 18: delivery.exhausted, as a digest. The first delivery of an endpoint to exhaust its retries is announced at
-- once (exhausted_alerted_at := now); the ones that follow within hookgate.alerts.exhausted-digest-window are only
-- counted (exhausted_unannounced) and announced together by the reconciler when the window has passed.
alter table endpoint add column exhausted_alerted_at timestamptz;
alter table endpoint add column exhausted_unannounced integer not null default 0;
create index endpoint_exhausted_digest_idx on endpoint (exhausted_alerted_at) where exhausted_unannounced > 0;
