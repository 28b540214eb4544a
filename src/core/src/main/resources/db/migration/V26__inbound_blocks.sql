-- Issue 18: seed 004's active security on the inbound side.
-- A source's block list (addresses or CIDR ranges refused with WEBHOOK_008; it wins over the allowlist).
alter table source_policy add column ip_blocklist text[];

-- Suspicious activity: refusals that count as strikes (bad signatures, stale timestamps, calls to unknown sources)
-- per source and client address within hookgate.ingest.suspicious.window. Reaching the threshold blocks the address.
create table inbound_strike (
    source              text not null,
    client_ip           text not null,
    window_start        timestamptz not null,
    strikes             integer not null,
    signature_failures  integer not null default 0,
    primary key (source, client_ip)
);

-- Addresses blocked for a source, automatically (suspicious activity) until expires_at or lifted through the admin API.
create table inbound_block (
    id          text primary key,
    source      text not null,
    client_ip   text not null,
    reason      text not null,
    strikes     integer not null,
    blocked_at  timestamptz not null default now(),
    expires_at  timestamptz not null,
    lifted_at   timestamptz,
    lifted_by   text
);
create index inbound_block_active_idx on inbound_block (source, client_ip) where lifted_at is null;
create index inbound_block_time_idx on inbound_block (source, blocked_at);

-- When a security alert was last announced per source, address and type: at most one per hookgate.ingest.suspicious.alert-interval.
create table security_alert (
    source      text not null,
    client_ip   text not null,
    type        text not null,
    alerted_at  timestamptz not null,
    primary key (source, client_ip, type)
);

alter table security_audit drop constraint security_audit_kind_check;
alter table security_audit add constraint security_audit_kind_check
    check (kind in ('signature_failed', 'ip_blocked', 'rate_limited', 'stale_timestamp', 'unknown_source', 'address_blocked'));
