-- Issue 18: destinations an organisation forbids its endpoints to call (addresses or CIDR ranges), on top of the
-- built-in private-address guard. Read with each delivery's claim; an attempt whose host resolves into one is refused.
create table tenant_outbound_policy (
    tenant_id             text primary key references tenant (id),
    blocked_destinations  text[] not null,
    updated_at            timestamptz not null default now()
);
