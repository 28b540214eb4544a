-- The outbox relay (hookgate.outbox.publish=relay) claims rows nobody has published yet, oldest first.
create index outbox_unpublished_idx on outbox (id) where published_at is null;
