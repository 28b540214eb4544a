package io.hookgate.delivery.attempt;

import io.hookgate.core.NaturalBatches;
import io.hookgate.delivery.Delivery;
import io.hookgate.delivery.retry.DeliveryConfig;
import io.hookgate.delivery.schedule.Doorbell;
import io.hookgate.delivery.schedule.Doorbells;
import io.hookgate.endpoint.Endpoint;
import io.hookgate.event.Event;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Claims a delivery for one attempt with a lease, so that two doorbells never give two concurrent attempts and an
 * attempt whose process died is retried once its lease has expired, reading in the same statement everything the
 * attempt needs (delivery, endpoint, event); and decides what a doorbell that finds its delivery unclaimable does.
 * Each is one autocommitted statement on the reactive client: the lease, not a transaction, keeps the attempt its own;
 * claims made at the same time (a batch's doorbells, concurrent batches) share one statement.
 */
@ApplicationScoped
public class DeliveryClaims {

    /** Claims in one statement at most. */
    static final int BATCH = 100;
    /** A doorbell may ring this much before its delivery is due (SQS delays are whole seconds, clocks differ). */
    static final String EARLY = "interval '1 second'";

    /**
     * Claims many deliveries at once, each under its own lease ({@code $1} ids, {@code $2} leases, one per id): the rows
     * are locked in id order first, so two claims running side by side never wait on each other in a cycle.
     */
    static final String CLAIM = """
            with wanted as (
                select d.id, u.lease from delivery d join unnest($1::text[], $2::text[]) as u(id, lease) on u.id = d.id
                where d.status in ('PENDING', 'FAILED') and not (d.test and d.attempt_count > 0)
                  and d.next_attempt_at <= clock_timestamp() + %s
                  and (d.lease_until is null or d.lease_until < clock_timestamp())
                order by d.id
                for no key update of d),
            claimed as (
                update delivery d set lease_id = w.lease, doorbell_at = null,
                    lease_until = clock_timestamp() + make_interval(secs => e.timeout_ms / 1000.0 + $3)
                from wanted w, endpoint e
                where d.id = w.id and e.id = d.endpoint_id
                returning d.id, d.lease_id, d.tenant_id, d.event_id, d.endpoint_id, d.attempt_count, d.test, d.created_at, d.rate_slot_at)
            select c.*,
                   e.tenant_id as e_tenant_id, e.name, e.url, e.active, e.timeout_ms, e.retry_policy::text as retry_policy,
                   e.headers::text as headers, e.headers_ciphertext, e.channel, e.profile, e.channel_config::text as channel_config,
                   e.channel_token_ciphertext, e.secret_ciphertext, e.previous_secret_ciphertext, e.previous_secret_expires_at,
                   e.circuit_opened_at, e.slow_since, e.deleted_at, e.throttled_until,
                   (select p.blocked_destinations from tenant_outbound_policy p where p.tenant_id = e.tenant_id) as blocked_destinations,
                   ev.tenant_id as ev_tenant_id, ev.type, ev.payload::text as payload, ev.source, ev.created_at as ev_created_at,
                   ev.trace_parent
            from claimed c join endpoint e on e.id = c.endpoint_id join event ev on ev.id = c.event_id""".formatted(EARLY);

    /**
     * A doorbell that came early rings again for the due time, unless another doorbell is already expected then; one
     * for a delivery due beyond SQS's longest delay leaves it to the reconciler. Finished or leased deliveries need
     * nothing.
     */
    static final String RESCHEDULE_EARLY_DOORBELL = """
            update delivery d set doorbell_at = case
                    when d.next_attempt_at <= clock_timestamp() + make_interval(secs => $2) then d.next_attempt_at end
            from endpoint e
            where d.id = $1 and e.id = d.endpoint_id
              and d.status in ('PENDING', 'FAILED') and not (d.test and d.attempt_count > 0)
              and d.next_attempt_at > clock_timestamp() + %1$s
              and (d.lease_until is null or d.lease_until < clock_timestamp())
              and (d.doorbell_at is null or d.doorbell_at <= clock_timestamp() + %1$s)
            returning extract(epoch from d.next_attempt_at - clock_timestamp())::float8 as wait, e.slow_since is not null as slow,
                      d.doorbell_at is not null as rings"""
            .formatted(EARLY);

    /** What a claim read: the delivery, its endpoint and its event, as they stood when the lease was taken. */
    public record Claimed(Delivery delivery, Endpoint endpoint, Event event) {
    }

    /** One claim waiting for its batch. */
    private record Claim(String deliveryId, String leaseId) {
    }

    private final DeliveryConfig config;
    private final Pool pool;
    private final NaturalBatches<Claim, Claimed> batches;

    public DeliveryClaims(DeliveryConfig config, Pool pool) {
        this.config = config;
        this.pool = pool;
        this.batches = new NaturalBatches<>(BATCH, 2, this::claimAll);
    }

    /**
     * The claimed delivery with its endpoint and event, or null when this call could not take the lease. Claims made
     * while others run go together in one statement.
     */
    public Uni<Claimed> claim(String deliveryId, String leaseId) {
        return batches.submit(new Claim(deliveryId, leaseId));
    }

    /** One statement for the batch; a delivery asked for twice in it is claimed by the first ask only. */
    private Uni<List<Claimed>> claimAll(List<Claim> asks) {
        Map<String, String> leases = new LinkedHashMap<>();
        asks.forEach(ask -> leases.putIfAbsent(ask.deliveryId(), ask.leaseId()));
        return pool.preparedQuery(CLAIM)
                .execute(Tuple.of(leases.keySet().toArray(String[]::new), leases.values().toArray(String[]::new),
                        config.leaseMargin().toMillis() / 1000.0))
                .map(rows -> {
                    Map<String, Claimed> byLease = new HashMap<>();
                    rows.forEach(row -> byLease.put(row.getString("lease_id"), claimed(row)));
                    return asks.stream().map(ask -> byLease.get(ask.leaseId())).toList();
                });
    }

    /** The doorbell to ring for a delivery that a doorbell found not yet due, or null when none is needed. */
    public Uni<Doorbell> rescheduleEarly(String deliveryId, String trigger) {
        return pool.preparedQuery(RESCHEDULE_EARLY_DOORBELL)
                .execute(Tuple.of(deliveryId, (double) Doorbells.MAX_DELAY.toSeconds()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    if (!row.getBoolean("rings")) {
                        return null;
                    }
                    long millis = (long) Math.ceil(row.getDouble("wait") * 1000);
                    return new Doorbell(deliveryId, trigger, Duration.ofMillis(Math.max(0, millis)), row.getBoolean("slow"));
                });
    }

    private static Claimed claimed(Row row) {
        Delivery delivery = new Delivery();
        delivery.id = row.getString("id");
        delivery.tenantId = row.getString("tenant_id");
        delivery.eventId = row.getString("event_id");
        delivery.endpointId = row.getString("endpoint_id");
        delivery.attemptCount = row.getInteger("attempt_count");
        delivery.test = row.getBoolean("test");
        delivery.createdAt = row.getOffsetDateTime("created_at");
        delivery.rateSlotAt = row.getOffsetDateTime("rate_slot_at");

        Endpoint endpoint = new Endpoint();
        endpoint.id = delivery.endpointId;
        endpoint.tenantId = row.getString("e_tenant_id");
        endpoint.name = row.getString("name");
        endpoint.url = row.getString("url");
        endpoint.active = row.getBoolean("active");
        endpoint.timeoutMs = row.getInteger("timeout_ms");
        endpoint.retryPolicy = row.getString("retry_policy");
        endpoint.headers = row.getString("headers");
        endpoint.headersCiphertext = row.getString("headers_ciphertext");
        endpoint.channel = row.getString("channel");
        endpoint.profile = row.getString("profile");
        endpoint.channelConfig = row.getString("channel_config");
        endpoint.channelTokenCiphertext = row.getString("channel_token_ciphertext");
        endpoint.secretCiphertext = row.getString("secret_ciphertext");
        endpoint.previousSecretCiphertext = row.getString("previous_secret_ciphertext");
        endpoint.previousSecretExpiresAt = row.getOffsetDateTime("previous_secret_expires_at");
        endpoint.circuitOpenedAt = row.getOffsetDateTime("circuit_opened_at");
        endpoint.slowSince = row.getOffsetDateTime("slow_since");
        endpoint.throttledUntil = row.getOffsetDateTime("throttled_until");
        endpoint.blockedDestinations = row.getArrayOfStrings("blocked_destinations");
        endpoint.deletedAt = row.getOffsetDateTime("deleted_at");

        Event event = new Event();
        event.id = delivery.eventId;
        event.tenantId = row.getString("ev_tenant_id");
        event.type = row.getString("type");
        event.payload = row.getString("payload");
        event.source = row.getString("source");
        event.createdAt = row.getOffsetDateTime("ev_created_at");
        event.traceParent = row.getString("trace_parent");
        return new Claimed(delivery, endpoint, event);
    }
}
