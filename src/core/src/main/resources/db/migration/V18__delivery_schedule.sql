-- PostgreSQL schedules deliveries; SQS messages are only doorbells (docs/architecture.md, "Delivery schedule").
--   next_attempt_at  when the delivery may next be attempted; null once it needs nothing more (finished).
--   doorbell_at      when the doorbell rung for it is expected; null when none is outstanding. The reconciler rings
--                    due deliveries whose doorbell is missing or long overdue.
--   lease_until/id   the claim of the attempt in progress: two doorbells never give two concurrent attempts, and an
--                    attempt whose process died is retried once its lease has expired.
--   rate_slot_at     a send slot reserved in the endpoint's rate limit, spent by the attempt it was reserved for.
alter table delivery
    add column next_attempt_at timestamptz default now(),
    add column doorbell_at timestamptz default now(),
    add column lease_until timestamptz,
    add column lease_id text,
    add column rate_slot_at timestamptz;
update delivery set next_attempt_at = null, doorbell_at = null
where status in ('SUCCESS', 'RETRY_EXHAUSTED') or (test and attempt_count > 0);
-- Deliveries waiting before this migration (some stranded by doorbells lost to the dead-letter queue) are due now,
-- with no doorbell outstanding: the reconciler rings them.
update delivery set next_attempt_at = coalesce(next_retry_at, now()), doorbell_at = null
where status in ('PENDING', 'FAILED') and not (test and attempt_count > 0);
create index delivery_due_idx on delivery (next_attempt_at) where next_attempt_at is not null;

-- The endpoint's rate limit as a generic cell rate algorithm: rate_tat is the theoretical arrival time of the next
-- send; a delivery that finds the burst spent reserves the next free slot instead of polling for a token.
alter table endpoint add column rate_tat timestamptz;
alter table endpoint drop column rate_tokens, drop column rate_refilled_at;

-- An outbox row is done when its event has been fanned out, not when its message was sent: a fan-out message lost
-- or dead-lettered is published again by the reconciler.
alter table outbox add column fanned_out_at timestamptz;
update outbox set fanned_out_at = published_at where published_at is not null;
drop index outbox_unpublished_idx;
create index outbox_pending_idx on outbox (id) where fanned_out_at is null;
