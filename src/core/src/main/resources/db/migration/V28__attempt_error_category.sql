-- Issue 18: every failed attempt's error category (timeout, dns, connection_refused, tls, network, redirect, http_4xx,
-- http_5xx, too_large, refused_target, unrenderable); null for a success. Counted per endpoint in its stats.
alter table delivery_attempt add column error_category text;
