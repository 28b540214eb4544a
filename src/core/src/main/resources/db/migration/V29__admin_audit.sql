-- Issue 18: the audit log of admin actions. Every change made through the admin API (POST, PUT, PATCH, DELETE, apart
-- from the data-plane sends) with who made it (API key, organisation), what (route, object id, the request's fields
-- with secrets and credentials redacted), the answer's status, when and from where.
create table admin_audit (
    id          bigserial primary key,
    tenant_id   text,
    key_id      text not null,
    admin       boolean not null,
    method      text not null,
    route       text not null,
    path        text not null,
    object_id   text,
    status      integer not null,
    changes     jsonb,
    client_ip   text,
    user_agent  text,
    request_id  text,
    created_at  timestamptz not null default now()
);
create index admin_audit_tenant_idx on admin_audit (tenant_id, id);
create index admin_audit_time_idx on admin_audit (created_at);
