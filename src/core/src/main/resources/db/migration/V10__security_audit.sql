-- Security events of the inbound gateway: signature and key failures, blocked addresses, rate-limit hits.
create table security_audit (
    id          bigserial primary key,
    source      text not null,
    kind        text not null check (kind in ('signature_failed', 'ip_blocked', 'rate_limited', 'stale_timestamp')),
    client_ip   text,
    request_id  text not null,
    detail      text,
    created_at  timestamptz not null default now()
);
create index security_audit_time_idx on security_audit (created_at);
create index security_audit_source_idx on security_audit (source, created_at);
