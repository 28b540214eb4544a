-- Set while an endpoint's attempts take longer than the slow threshold: its deliveries then use the slow lane (their
-- own queue and pollers), so a slow receiver cannot hold up everyone else's deliveries.
alter table endpoint add column slow_since timestamptz;
