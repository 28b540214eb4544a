-- Per-source inbound rate limits (seed 000: CCPayment 1000/hour, price feeds 60/minute, analytics 10000/hour),
-- shared by every ingest instance: one counter row per source and fixed window.
create table inbound_rate (
    source        text not null,
    window_start  timestamptz not null,
    count         bigint not null,
    primary key (source, window_start)
);
