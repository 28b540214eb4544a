-- Hookgate data model. Ids are prefixed, time-ordered text (see io.hookgate.core.Ids); money is numeric.

create table tenant (
    id          text primary key,
    name        text not null,
    created_at  timestamptz not null default now()
);

create table api_key (
    id            text primary key,
    tenant_id     text references tenant(id),
    name          text not null,
    role          text not null check (role in ('admin', 'tenant')),
    prefix        text not null,
    key_hash      text not null unique,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz,
    check (role = 'admin' or tenant_id is not null)
);

create table event_type (
    name         text primary key,
    category     text not null,
    description  text not null,
    schema       jsonb not null,
    example      jsonb not null,
    aliases      text[] not null default '{}'
);

create table endpoint (
    id                        text primary key,
    tenant_id                 text not null references tenant(id),
    name                      text not null,
    url                       text not null,
    description               text,
    events                    text[] not null,
    filters                   jsonb not null default '{}',
    active                    boolean not null default true,
    disabled_reason           text,
    timeout_ms                integer not null default 10000 check (timeout_ms between 1000 and 30000),
    retry_policy              jsonb,
    headers                   jsonb not null default '{}',
    rate_limit_per_minute     integer not null default 100,
    channel                   text not null default 'webhook',
    secret_ciphertext         text not null,
    previous_secret_ciphertext text,
    previous_secret_expires_at timestamptz,
    consecutive_failures      integer not null default 0,
    circuit_opened_at         timestamptz,
    created_at                timestamptz not null default now(),
    updated_at                timestamptz not null default now(),
    deleted_at                timestamptz
);
create index endpoint_tenant_idx on endpoint (tenant_id, id) where deleted_at is null;
create index endpoint_events_idx on endpoint using gin (events) where deleted_at is null and active;

create table event (
    seq          bigserial unique,
    id           text primary key,
    tenant_id    text references tenant(id),
    type         text not null,
    payload      jsonb not null,
    source       text not null,
    user_id      text,
    room         text,
    created_at   timestamptz not null default now()
);
create index event_tenant_type_idx on event (tenant_id, type, created_at);

create table outbox (
    id            bigserial primary key,
    event_id      text not null references event(id),
    created_at    timestamptz not null default now(),
    published_at  timestamptz
);
create index outbox_unpublished_idx on outbox (id) where published_at is null;

create table delivery (
    id               text primary key,
    tenant_id        text not null references tenant(id),
    event_id         text not null references event(id),
    endpoint_id      text not null references endpoint(id),
    status           text not null check (status in ('PENDING', 'SUCCESS', 'FAILED', 'RETRY_EXHAUSTED')),
    attempt_count    integer not null default 0,
    next_retry_at    timestamptz,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    unique (event_id, endpoint_id)
);
create index delivery_endpoint_idx on delivery (endpoint_id, created_at desc, id desc);
create index delivery_exhausted_idx on delivery (endpoint_id, updated_at) where status = 'RETRY_EXHAUSTED';

create table delivery_attempt (
    id               bigserial primary key,
    delivery_id      text not null references delivery(id),
    attempt_number   integer not null,
    trigger          text not null,
    started_at       timestamptz not null,
    duration_ms      integer not null,
    request_headers  jsonb not null,
    response_status  integer,
    response_headers jsonb,
    response_body    text,
    error            text,
    unique (delivery_id, attempt_number)
);

create table inbound_receipt (
    id           bigserial primary key,
    source       text not null,
    external_id  text not null,
    request_id   text not null,
    status       text not null,
    response     jsonb,
    received_at  timestamptz not null default now(),
    unique (source, external_id)
);

create table account (
    user_id     text not null,
    coin        text not null,
    balance     numeric(38, 18) not null default 0,
    updated_at  timestamptz not null default now(),
    primary key (user_id, coin)
);

create table ledger_entry (
    id             text primary key,
    user_id        text not null,
    coin           text not null,
    amount         numeric(38, 18) not null,
    balance_after  numeric(38, 18) not null,
    kind           text not null,
    reference      text not null,
    details        jsonb not null default '{}',
    created_at     timestamptz not null default now()
);
create index ledger_user_idx on ledger_entry (user_id, created_at);

-- A price says how many units of `quote` one unit of `coin` is worth at observed_at.
create table price (
    id           bigserial primary key,
    coin         text not null,
    quote        text not null,
    price        numeric(38, 18) not null check (price > 0),
    source       text not null,
    observed_at  timestamptz not null,
    created_at   timestamptz not null default now()
);
create index price_latest_idx on price (coin, quote, observed_at desc);

-- Inbound sources and admin-created endpoints without an explicit organisation belong here.
insert into tenant (id, name) values ('org_default', 'Default organisation');
