-- Idempotency-Key of POST /api/v1/events, per organisation: the first request's body hash and the event it created.
-- A key is honoured for 24 hours; after that it may be used again.
create table idempotency_key (
    tenant_id     text not null references tenant (id),
    key           text not null,
    request_hash  text not null,
    event_id      text not null,
    created_at    timestamptz not null default now(),
    primary key (tenant_id, key)
);
