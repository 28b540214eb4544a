-- A rotated API key keeps working until expires_at, so callers can switch without a failed request.
alter table api_key add column expires_at timestamptz;
create index api_key_tenant_idx on api_key (tenant_id, created_at);
