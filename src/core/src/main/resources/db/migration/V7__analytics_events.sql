-- Analytics events from analytics sources (seed 000): append-only, written in batches.
create table analytics_event (
    id           bigserial primary key,
    source       text not null,
    event        text not null,
    user_id      text,
    properties   jsonb not null default '{}',
    context      jsonb not null default '{}',
    occurred_at  timestamptz not null,
    received_at  timestamptz not null default now(),
    request_id   text not null
);
create index analytics_event_source_time_idx on analytics_event (source, occurred_at);
create index analytics_event_user_idx on analytics_event (user_id, occurred_at) where user_id is not null;

create function analytics_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'analytics_event is append-only';
end $$;
create trigger analytics_event_append_only before update or delete on analytics_event
    for each statement execute function analytics_event_append_only();
