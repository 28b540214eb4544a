-- Issue 17: traces. An event keeps the W3C trace context (traceparent) of the request that appended it, so the
-- fan-out and every delivery attempt continue that trace although fan-out messages carry up to a hundred events from
-- different requests (a message attribute could hold only one context). An attempt keeps its own trace id, shown in
-- the delivery log. Both stay null while tracing is off (quarkus.otel.sdk.disabled, the default).
alter table event add column trace_parent text;
alter table delivery_attempt add column trace_id text;

drop function journal_append(text, text, text, text, jsonb, text, text, boolean, boolean, text[]);
create function journal_append(p_id text, p_tenant text, p_type text, p_source text, p_payload jsonb, p_user text,
                               p_room text, p_realtime boolean, p_webhook boolean, p_targets text[],
                               p_trace text default null)
    returns bigint
    language plpgsql as
$$
declare
    v_seq bigint;
begin
    insert into event (id, tenant_id, type, payload, source, user_id, room, realtime, target_endpoint_ids, trace_parent)
    values (p_id, p_tenant, p_type, p_payload, p_source, p_user, p_room, p_realtime, p_targets, p_trace)
    returning seq into v_seq;
    if p_webhook then
        insert into outbox (event_id) values (p_id);
    end if;
    return v_seq;
end
$$;

-- V20's deposit, with the request's trace context passed on to both events it appends.
drop function ccpayment_credit_deposit(text, text, text, text, text, numeric, double precision, text, text, text, text,
                                       jsonb, jsonb, jsonb);
create function ccpayment_credit_deposit(p_order text, p_request text, p_user text, p_coin text, p_credit_coin text,
                                         p_amount numeric, p_price_max_age double precision, p_tenant text,
                                         p_tx_id text, p_event_id text, p_balance_event_id text,
                                         p_webhook_data jsonb, p_ledger_details jsonb, p_result jsonb,
                                         p_trace text default null)
    returns table (outcome text, response jsonb, balance_seq bigint, balance_payload jsonb)
    language plpgsql as
$$
#variable_conflict use_column
declare
    v_receipt  bigint;
    v_rate     numeric;
    v_fresh    boolean;
    v_observed timestamptz;
    v_credited numeric;
    v_balance  numeric;
    v_response jsonb;
    v_payload  jsonb;
begin
    insert into inbound_receipt (source, external_id, request_id, status)
    values ('ccpayment', p_order, p_request, 'processing')
    on conflict (source, external_id) do update
        set status = 'processing', request_id = excluded.request_id
        where inbound_receipt.status = 'pending'
    returning id into v_receipt;
    if not found then
        return query select 'duplicate', r.response, null::bigint, null::jsonb
                     from inbound_receipt r where r.source = 'ccpayment' and r.external_id = p_order;
        return;
    end if;

    select p.price, p.observed_at >= now() - make_interval(secs => p_price_max_age), p.observed_at
    into v_rate, v_fresh, v_observed
    from price p where p.coin = p_coin and p.quote = p_credit_coin
    order by p.observed_at desc limit 1;
    if not found then
        raise exception 'coin % is not supported: no % price has ever been recorded for it', p_coin, p_credit_coin
            using errcode = 'HG001';
    end if;
    if not v_fresh then
        raise exception 'the newest % price of % (%) is older than % minutes; retry after the price feed has updated it',
            p_credit_coin, p_coin, v_observed, floor(p_price_max_age / 60) using errcode = 'HG002';
    end if;
    v_credited := trunc(p_amount * v_rate, 2);
    if v_credited >= 1e20 then
        raise exception 'amount x rate is beyond what a balance holds' using errcode = 'HG003';
    end if;

    insert into account (user_id, coin, balance) values (p_user, p_credit_coin, v_credited)
    on conflict (user_id, coin) do update set balance = account.balance + excluded.balance, updated_at = now()
    returning money_value(balance) into v_balance;

    insert into ledger_entry (id, user_id, coin, amount, balance_after, kind, reference, details)
    values (p_tx_id, p_user, p_credit_coin, v_credited, v_balance, 'deposit', 'ccpayment:' || p_order, p_ledger_details);

    perform journal_append(p_event_id, p_tenant, 'deposit.confirmed', 'ccpayment',
                           p_webhook_data || jsonb_build_object('credited', v_credited,
                                                                'conversionRate', money_value(v_rate),
                                                                'newBalance', v_balance),
                           null, null, false, true, null, p_trace);
    v_payload := jsonb_build_object('userId', p_result -> 'userId', 'coin', p_credit_coin, 'newBalance', v_balance,
                                    'change', v_credited);
    balance_seq := journal_append(p_balance_event_id, p_tenant, 'balance_update', 'ccpayment', v_payload, p_user,
                                  null, true, false, null, p_trace);

    v_response := p_result || jsonb_build_object('dgtCredited', v_credited, 'conversionRate', money_value(v_rate));
    update inbound_receipt set status = 'processed', response = v_response
    where source = 'ccpayment' and external_id = p_order;
    return query select 'credited', v_response, balance_seq, v_payload;
end
$$;
