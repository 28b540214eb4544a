-- Local development only (loaded when the dev profile adds db/dev-seed to flyway's locations): reference prices so
-- the README tour can convert a deposit before any price feed has called. A repeatable migration, so it runs after
-- every versioned one and never blocks a later schema version; it only adds what is missing.
insert into price (coin, quote, price, source, observed_at)
select coin, 'DGT', price, 'dev-seed', now()
from (values ('ETH', 35000), ('BTC', 500000), ('USDT', 8.33)) as seed(coin, price)
where not exists (select 1 from price p where p.coin = seed.coin and p.quote = 'DGT' and p.source = 'dev-seed');
