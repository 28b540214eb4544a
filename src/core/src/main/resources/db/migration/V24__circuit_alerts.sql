-- Issue 18: operational alerts. An endpoint's circuit opening and closing are announced as endpoint.circuit_opened /
-- endpoint.circuit_closed, at most one opening alert per endpoint per hookgate.delivery.alert-min-interval:
-- circuit_alerted_at is when the last opening was announced, circuit_alert_open whether the current open circuit was
-- announced (so its closing is announced too, and a flapping endpoint's folded openings close silently).
alter table endpoint add column circuit_alerted_at timestamptz;
alter table endpoint add column circuit_alert_open boolean not null default false;
