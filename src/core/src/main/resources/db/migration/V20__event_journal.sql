-- The event journal (DESIGN §6.9): the one piece of SQL that writes event and outbox rows. EventJournal calls it from
-- Java; hot-path statements such as ccpayment_credit_deposit call it inside their own single round trip. Returns the
-- event's seq (realtime clients resume by it).
create function journal_append(p_id text, p_tenant text, p_type text, p_source text, p_payload jsonb, p_user text,
                               p_room text, p_realtime boolean, p_webhook boolean, p_targets text[])
    returns bigint
    language plpgsql as
$$
declare
    v_seq bigint;
begin
    insert into event (id, tenant_id, type, payload, source, user_id, room, realtime, target_endpoint_ids)
    values (p_id, p_tenant, p_type, p_payload, p_source, p_user, p_room, p_realtime, p_targets)
    returning seq into v_seq;
    if p_webhook then
        insert into outbox (event_id) values (p_id);
    end if;
    return v_seq;
end
$$;

-- Money as the API writes it: trailing zeros dropped, but at least two decimals (35 -> 35.00, 0.125 -> 0.125).
create function money_value(p numeric) returns numeric
    language sql immutable as
$$
select case when scale(trim_scale(p)) < 2 then round(p, 2) else trim_scale(p) end
$$;

-- A confirmed CCPayment deposit, applied exactly once in one statement (one round trip, autocommitted):
--   the receipt row (unique per order id) decides whether this call is the first; a pending receipt is taken over;
--   concurrent copies wait on the unique index until the first commits, then find it processed (outcome 'duplicate',
--   with the first call's response);
--   the first converts at the newest fresh price, credits the account, writes the ledger entry, the deposit.confirmed
--   webhook event with its outbox row and the user's balance_update realtime event, and stores its response.
-- Refusals raise, so the statement (and the receipt it claimed) rolls back: HG001 no price ever recorded for the coin,
-- HG002 newest price older than p_price_max_age seconds, HG003 amount x rate beyond what a balance holds.
-- The caller passes the ids (Ids.next in Java) and the JSON it builds; the figures only the database knows (rate,
-- credited, new balance) are merged in here.
create function ccpayment_credit_deposit(p_order text, p_request text, p_user text, p_coin text, p_credit_coin text,
                                         p_amount numeric, p_price_max_age double precision, p_tenant text,
                                         p_tx_id text, p_event_id text, p_balance_event_id text,
                                         p_webhook_data jsonb, p_ledger_details jsonb, p_result jsonb)
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
                           null, null, false, true, null);
    v_payload := jsonb_build_object('userId', p_result -> 'userId', 'coin', p_credit_coin, 'newBalance', v_balance,
                                    'change', v_credited);
    balance_seq := journal_append(p_balance_event_id, p_tenant, 'balance_update', 'ccpayment', v_payload, p_user,
                                  null, true, false, null);

    v_response := p_result || jsonb_build_object('dgtCredited', v_credited, 'conversionRate', money_value(v_rate));
    update inbound_receipt set status = 'processed', response = v_response
    where source = 'ccpayment' and external_id = p_order;
    return query select 'credited', v_response, balance_seq, v_payload;
end
$$;
