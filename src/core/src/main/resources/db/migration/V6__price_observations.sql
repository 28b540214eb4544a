-- A feed's observation of one price is stored once: a replayed price update inserts nothing.
create unique index price_observation_idx on price (coin, quote, source, observed_at);
