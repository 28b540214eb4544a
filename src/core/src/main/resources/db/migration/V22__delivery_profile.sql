-- Issue 16: the envelope and signature headers a webhook endpoint's receiver expects: Standard Webhooks with
-- Hookgate's envelope (standard), or one source document's own (seed000 … seed004).
alter table endpoint add column profile text not null default 'standard'
    check (profile in ('standard', 'seed000', 'seed001', 'seed002', 'seed003', 'seed004'));
