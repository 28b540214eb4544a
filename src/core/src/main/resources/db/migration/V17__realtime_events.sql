-- Events pushed to WebSocket clients are marked, so the realtime service can find the ones whose NOTIFY was lost
-- (reconcile) and replay a client's missed events after a reconnect (resume), by seq and within a retention window.
alter table event add column realtime boolean not null default false;
update event set realtime = true where user_id is not null or room is not null;
create index event_realtime_idx on event (created_at, seq) where realtime;
