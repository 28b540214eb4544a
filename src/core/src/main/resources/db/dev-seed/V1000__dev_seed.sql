-- Local development only (loaded when the dev profile adds db/dev-seed to flyway's locations):
-- reference prices so the README tour can convert a deposit before any price feed has called.
insert into price (coin, quote, price, source, observed_at) values
    ('ETH', 'DGT', 35000, 'dev-seed', now()),
    ('BTC', 'DGT', 500000, 'dev-seed', now()),
    ('USDT', 'DGT', 8.33, 'dev-seed', now());
