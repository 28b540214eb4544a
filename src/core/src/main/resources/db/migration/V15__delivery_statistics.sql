-- Statistics (GET /api/v1/webhooks/{id}/stats and /analytics, GET /api/v1/stats/events) read attempts by endpoint and
-- time, and deliveries by organisation and time. Each attempt carries its endpoint, so those reads are index range
-- scans that never join the delivery table. Plans over a million deliveries: docs/query-plans.md.
alter table delivery_attempt add column endpoint_id text;
update delivery_attempt a set endpoint_id = d.endpoint_id from delivery d where d.id = a.delivery_id;
alter table delivery_attempt alter column endpoint_id set not null;
create index delivery_attempt_endpoint_time_idx on delivery_attempt (endpoint_id, started_at) include (duration_ms, response_status, trigger);
create index delivery_tenant_time_idx on delivery (tenant_id, created_at);
