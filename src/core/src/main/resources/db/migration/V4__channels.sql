-- Notification channels: an endpoint is a signed JSON webhook (default) or a Discord, Slack, Telegram or email channel.
alter table endpoint
    add column channel_config jsonb not null default '{}',
    add column channel_token_ciphertext text,
    add constraint endpoint_channel_known check (channel in ('webhook', 'discord', 'slack', 'telegram', 'email'));

-- An event sent to named endpoints (the admin send routes) instead of to whoever subscribes to its type.
alter table event add column target_endpoint_ids text[];
