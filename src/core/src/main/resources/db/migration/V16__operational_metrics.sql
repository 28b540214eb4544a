-- Operational metrics (GET /q/metrics on the admin function) read recent deliveries and attempts and the oldest
-- delivery still in flight every 15 seconds; these indexes keep those reads small on a large table.
create index delivery_created_idx on delivery (created_at);
create index delivery_in_flight_idx on delivery (created_at) where status in ('PENDING', 'FAILED');
create index delivery_attempt_started_idx on delivery_attempt (started_at) include (duration_ms, response_status);
