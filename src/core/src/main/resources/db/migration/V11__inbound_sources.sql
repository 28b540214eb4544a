-- Inbound sources an admin registers (any provider beyond the seeds). Calls arrive at /api/webhook/sources/{id},
-- are verified with the source's scheme and secret, deduplicated on an id taken from the call, and republished as
-- events of type source.<name>.<provider event type> for the source's tenant.
create table inbound_source (
    id                           text primary key,
    tenant_id                    text not null references tenant (id),
    name                         text not null unique check (name ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
    description                  text,
    scheme                       text not null check (scheme in ('standard_webhooks', 'stripe', 'github', 'hmac_hex', 'hmac_base64')),
    secret_ciphertext            text not null,
    -- hmac_hex / hmac_base64: the header carrying the signature, and a prefix (such as 'sha256=') stripped before decoding.
    signature_header             text,
    signature_prefix             text,
    timestamp_tolerance_seconds  integer not null default 300 check (timestamp_tolerance_seconds between 1 and 86400),
    -- Where the provider's event type and unique id are: a JSON pointer into the body ('/type') or 'header:<Name>'.
    event_type_from              text not null,
    dedupe_id_from               text not null,
    -- Provider event types accepted; null accepts every type. Others are refused with WEBHOOK_003.
    accepted_events              text[],
    enabled                      boolean not null default true,
    created_at                   timestamptz not null default now(),
    updated_at                   timestamptz not null default now(),
    check (scheme not in ('hmac_hex', 'hmac_base64') or signature_header is not null)
);
create index inbound_source_tenant_idx on inbound_source (tenant_id, created_at);

-- Per-source policy set by an admin, over the deployment's configuration. `source` is a built-in source
-- ('ccpayment', 'price-feed', 'analytics') or an inbound source's id. A null column keeps the configured value.
create table source_policy (
    source                 text primary key,
    ip_allowlist           text[],
    rate_limit             integer check (rate_limit > 0),
    rate_window_seconds    integer check (rate_window_seconds > 0),
    -- ccpayment only: the oldest price a deposit conversion may use.
    price_max_age_seconds  integer check (price_max_age_seconds > 0),
    updated_at             timestamptz not null default now()
);

alter table security_audit drop constraint security_audit_kind_check;
alter table security_audit add constraint security_audit_kind_check
    check (kind in ('signature_failed', 'ip_blocked', 'rate_limited', 'stale_timestamp', 'unknown_source'));
