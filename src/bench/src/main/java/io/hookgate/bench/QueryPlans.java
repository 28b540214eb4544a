package io.hookgate.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench plans [deliveries]}: fills the database with a million deliveries (default) to 100 endpoints of
 * one organisation, 5% of them dead-lettered after three attempts, over about a week, vacuumed as autovacuum would; then prints the plan and time
 * of every statistics and list query the admin API runs, and the API's own answer times for them. docs/query-plans.md
 * records a run.
 */
public final class QueryPlans {

    static final String ORG = "org_plans";
    static final String ENDPOINT = "ep_plans_42";

    private QueryPlans() {
    }

    public static void main(String[] args) throws Exception {
        int deliveries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Path.of(System.getProperty("hookgate.root", ".")).toAbsolutePath().normalize();
        try (LocalSystem system = LocalSystem.start(root, "0s,1s,5s,30s");
             Connection db = DriverManager.getConnection(system.stack().jdbcUrl(), "postgres", "postgres")) {
            long started = System.nanoTime();
            fill(db, deliveries);
            System.out.printf("filled %,d deliveries in %.1f s%n%n", deliveries, (System.nanoTime() - started) / 1e9);
            for (Map.Entry<String, String> query : queries().entrySet()) {
                System.out.println("### " + query.getKey());
                System.out.println("```");
                try (Statement st = db.createStatement(); ResultSet plan = st.executeQuery("explain (analyze, buffers, costs off) " + query.getValue())) {
                    while (plan.next()) {
                        System.out.println(plan.getString(1));
                    }
                }
                System.out.println("```");
            }
            HookgateClient client = new HookgateClient(system);
            String key = tenantKey(db);
            System.out.println("### API answer times (median of 20 calls, through the admin function)");
            for (String path : List.of("/api/v1/webhooks/" + ENDPOINT + "/stats",
                    "/api/v1/webhooks/" + ENDPOINT + "/analytics?period=hour",
                    "/api/v1/webhooks/" + ENDPOINT + "/analytics?period=day",
                    "/api/v1/stats/events",
                    "/api/v1/webhooks/" + ENDPOINT + "/deliveries?limit=100",
                    "/api/v1/deliveries?limit=100",
                    "/api/v1/deliveries?status=RETRY_EXHAUSTED&limit=100",
                    "/api/v1/webhooks?event=invoice.paid")) {
                List<Long> times = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    long t = System.nanoTime();
                    var reply = client.as(key, "GET", path, null);
                    if (reply.status() != 200) {
                        throw new IllegalStateException(path + " answered " + reply.status() + ": " + reply.body());
                    }
                    times.add((System.nanoTime() - t) / 1_000_000);
                }
                times.sort(Long::compare);
                System.out.printf("- `GET %s`: %d ms%n", path, times.get(times.size() / 2));
            }
        }
    }

    static void fill(Connection db, int deliveries) throws Exception {
        int events = deliveries / 4;
        try (Statement st = db.createStatement()) {
            st.execute("insert into tenant (id, name) values ('" + ORG + "', 'query plans')");
            st.execute("""
                    insert into endpoint (id, tenant_id, name, url, events, secret_ciphertext)
                    select 'ep_plans_' || i, 'org_plans', 'plans ' || i, 'https://example.com/hooks/' || i,
                           case when i % 2 = 0 then '{*}'::text[] else '{user.*}'::text[] end, 'v1:unused'
                    from generate_series(1, 100) i""");
            st.execute("""
                    insert into event (id, tenant_id, type, payload, source, created_at)
                    select 'evt_plans_' || lpad(i::text, 8, '0'), 'org_plans',
                           (array['user.created', 'invoice.paid', 'payment.succeeded', 'device.alert'])[1 + i %% 4], '{}', 'bench',
                           now() - i * interval '2.5 seconds'
                    from generate_series(1, %d) i""".formatted(events));
            st.execute("""
                    insert into delivery (id, tenant_id, event_id, endpoint_id, status, attempt_count, created_at, updated_at)
                    select 'dlv_plans_' || lpad(i::text, 8, '0'), 'org_plans', 'evt_plans_' || lpad((1 + (i - 1) / 4)::text, 8, '0'),
                           'ep_plans_' || (1 + i %% 100), case when i %% 20 = 0 then 'RETRY_EXHAUSTED' else 'SUCCESS' end,
                           case when i %% 20 = 0 then 3 else 1 end, now() - (1 + (i - 1) / 4) * interval '2.5 seconds', now()
                    from generate_series(1, %d) i""".formatted(deliveries));
            st.execute("""
                    insert into delivery_attempt (delivery_id, endpoint_id, attempt_number, trigger, started_at, duration_ms,
                                                  request_headers, response_status)
                    select d.id, d.endpoint_id, n, 'automatic', d.created_at + n * interval '1 second', 20 + (hashtext(d.id || n) & 511),
                           '{}', case when d.status = 'SUCCESS' then 200 else 500 end
                    from delivery d cross join lateral generate_series(1, d.attempt_count) n
                    where d.tenant_id = 'org_plans'""");
            st.execute("vacuum analyze");
        }
    }

    /** The admin API's statistics and list queries, with this run's endpoint and times filled in. */
    static Map<String, String> queries() {
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("Endpoint stats, 30 days: deliveries", """
                select count(*) filter (where attempt_count > 0), count(*) filter (where status = 'SUCCESS'),
                       count(*) filter (where status = 'RETRY_EXHAUSTED'), count(*) filter (where status in ('PENDING', 'FAILED'))
                from delivery where endpoint_id = 'ep_plans_42' and created_at >= now() - interval '30 days' and created_at < now() and not test""");
        queries.put("Endpoint stats, 30 days: attempts", """
                select count(*), count(*) filter (where response_status between 200 and 299), avg(duration_ms),
                       percentile_cont(0.95) within group (order by duration_ms)
                from delivery_attempt where endpoint_id = 'ep_plans_42' and started_at >= now() - interval '30 days'
                  and started_at < now() and trigger <> 'test'""");
        queries.put("Endpoint stats: last triggered", "select max(created_at) from delivery where endpoint_id = 'ep_plans_42' and not test");
        queries.put("Endpoint analytics, hourly over 24 hours: attempts", """
                select date_trunc('hour', started_at at time zone 'UTC'), count(*), avg(duration_ms),
                       percentile_cont(0.95) within group (order by duration_ms)
                from delivery_attempt where endpoint_id = 'ep_plans_42' and started_at >= now() - interval '1 day'
                  and started_at < now() and trigger <> 'test' group by 1""");
        queries.put("Deliveries per event type, 24 hours (seed 003)", """
                select e.type, count(*), avg(d.attempt_count), count(*) filter (where d.status = 'SUCCESS')
                from delivery d join event e on e.id = d.event_id
                where d.tenant_id = 'org_plans' and d.created_at >= now() - interval '1 day' and d.created_at < now() and not d.test
                group by e.type""");
        queries.put("Delivery log, first page of 100", """
                select * from delivery where endpoint_id = 'ep_plans_42' order by created_at desc, id desc limit 101""");
        String cursor = "(select created_at from delivery where endpoint_id = 'ep_plans_42' order by created_at desc, id desc offset 5000 limit 1)";
        queries.put("Delivery log, a page half way down (cursor)", """
                select * from delivery where endpoint_id = 'ep_plans_42' and created_at <= %1$s
                  and (created_at < %1$s or id < 'dlv_') order by created_at desc, id desc limit 101""".formatted(cursor));
        queries.put("An organisation's deliveries across endpoints, first page of 100", """
                select * from delivery where tenant_id = 'org_plans' order by created_at desc, id desc limit 101""");
        queries.put("An organisation's dead letters across endpoints, first page of 100", """
                select * from delivery where tenant_id = 'org_plans' and status = 'RETRY_EXHAUSTED'
                order by created_at desc, id desc limit 101""");
        return queries;
    }

    /** A tenant key of the organisation, stored as the admin API stores keys: SHA-256 hex and a 12-character prefix. */
    static String tenantKey(Connection db) throws Exception {
        String key = "hg_tenant_plans_" + java.util.UUID.randomUUID();
        String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (var ps = db.prepareStatement("insert into api_key (id, tenant_id, name, role, prefix, key_hash) values ('key_plans', ?, 'plans', 'tenant', ?, ?)")) {
            ps.setString(1, ORG);
            ps.setString(2, key.substring(0, 12));
            ps.setString(3, hash);
            ps.executeUpdate();
        }
        return key;
    }
}
