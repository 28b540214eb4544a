-- A test send (POST /api/v1/webhooks/{id}/test) is one delivery marked as a test: one attempt, no retries, never a
-- dead letter, and it changes nothing about the endpoint's health (circuit, failure counters, slow lane, rate bucket).
alter table delivery add column test boolean not null default false;
