-- CCPayment withdrawals (seed 000), one row per withdrawal_id, moving requested -> completed | failed.
create table withdrawal (
    id                      text primary key,
    user_id                 text not null,
    coin                    text not null,
    amount                  numeric(38, 18) not null check (amount > 0),
    fee                     numeric(38, 18) not null default 0 check (fee >= 0),
    status                  text not null check (status in ('requested', 'completed', 'failed')),
    transaction_hash        text,
    to_address              text,
    internal_withdrawal_id  text,
    failure_reason          text,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now()
);
create index withdrawal_user_idx on withdrawal (user_id, created_at);

-- A withdrawal's ledger entries record the paid-out coin's movement (amount and network fee, with the transaction
-- hash); Hookgate keeps no balance in that coin, so they have no balance_after.
alter table ledger_entry alter column balance_after drop not null;
