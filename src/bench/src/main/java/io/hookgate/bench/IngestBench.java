package io.hookgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Ingest alone at its ceiling: wrk (C, a small fraction of the load generator cost of the JVM client) posts pre-signed,
 * distinct deposits at C connections for S seconds, after a warm-up of the same kind; no endpoint is subscribed, so
 * only the fan-out of each event follows. Prints wrk's rate and latency percentiles, the deposits the database holds
 * for the run (every 200 must be a credit), CPU per deposit of every process, and the pgbench ceiling of ingest's own
 * deposit statement measured in the same run, as a ratio.
 *
 * <p>{@code bin/bench [--service] ingest [seconds] [connections]}; needs {@code wrk} (Debian: {@code apt-get install wrk}).
 */
final class IngestBench {

    /** Distinct deposits signed per second of load: above what this machine can take, so none is sent twice. */
    private static final int BODIES_PER_SECOND = 4_000;
    private static final List<String> PROCESSES = List.of("ingest", "delivery", "realtime", "admin", "postgres", "bench");

    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path root = Path.of(System.getProperty("hookgate.root", ".")).toAbsolutePath().normalize();
        try (LocalSystem system = LocalSystem.start(root, "0s,1s,5s,30s", 8)) {
            new HookgateClient(system).price("ETH", "35000");
            String url = system.ingest("/api/webhook/ccpayment/deposit").toString();
            wrk(url, "warm", 10, connections);

            String run = "wrk_" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Double> before = new LinkedHashMap<>();
            for (String process : PROCESSES) {
                before.put(process, system.cpuSeconds(process));
            }
            Wrk.Report report = wrk(url, run, seconds, connections);
            long loadEnd = System.nanoTime();
            // Every event of the run fanned out before CPU is read: a publisher or relay that falls behind pays here.
            long pending;
            while ((pending = system.stack().database().count("select count(*) from outbox where fanned_out_at is null")) > 0
                    && System.nanoTime() - loadEnd < 120_000_000_000L) {
                Thread.sleep(50);
            }
            double fanOutLag = (System.nanoTime() - loadEnd) / 1e9;
            long credited = system.stack().database().count(
                    "select count(*) from inbound_receipt where source = 'ccpayment' and external_id like ? and status = 'processed'", run + "%");
            StringBuilder cpu = new StringBuilder();
            for (String process : PROCESSES) {
                double used = system.cpuSeconds(process) - before.get(process);
                cpu.append(cpu.isEmpty() ? "" : ", ").append(process).append(String.format(" %.2f", used * 1000 / Math.max(1, credited)));
            }
            double ceiling = DatabaseCeiling.tps(system.stack(), DatabaseCeiling.DEPOSIT, connections, 10);
            Map<String, Double> latency = report.latencyMs();

            System.out.println();
            System.out.printf("mode %s, publish %s; wrk, %d connections, %d s, pre-signed distinct deposits, no endpoint%n",
                    LocalSystem.SERVICE ? "service (-Dservice builds)" : "Lambda-emulated (runtime API stand-ins)", LocalSystem.PUBLISH,
                    connections, seconds);
            System.out.printf("ingest:   %.0f deposits/s (wrk); %d credited in the database, %d non-2xx; latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                    report.rate(), credited, report.non2xx(), latency.getOrDefault("50", -1.0),
                    latency.getOrDefault("90", -1.0), latency.getOrDefault("99", -1.0));
            System.out.printf("fan-out:  %s %.1f s after the load stopped%n",
                    pending == 0 ? "every event fanned out" : pending + " events still not fanned out", fanOutLag);
            System.out.printf("CPU seconds per 1,000 deposits (per process; the machine has %d cores): %s%n",
                    Runtime.getRuntime().availableProcessors(), cpu);
            System.out.printf("ceiling:  pgbench of ingest's deposit statement (%d clients, 10 s): %.0f tx/s; ingest reached %.3f of it%n",
                    connections, ceiling, report.rate() / ceiling);
        }
    }

    /** Runs wrk with distinct deposits signed now (the timestamp window is ±300 s). */
    private static Wrk.Report wrk(String url, String prefix, int seconds, int connections) throws IOException, InterruptedException {
        Path requests = Files.createTempFile("hookgate-deposits", ".tsv");
        try {
            long now = System.currentTimeMillis() / 1000;
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < seconds * BODIES_PER_SECOND; i++) {
                String body = HookgateClient.depositBody(prefix + "_" + i, "bench-user-" + (i % 100), "ETH", "0.001").replace("\n", "");
                lines.add(now + "\t" + HookgateClient.ccSignature(body, LocalSystem.CCPAYMENT_SECRET) + "\t" + body);
            }
            Files.write(requests, lines);
            return Wrk.run(url, LUA.replace("REQUESTS", requests.toString()), seconds, connections);
        } finally {
            Files.deleteIfExists(requests);
        }
    }

    /** Each wrk thread takes every other line, so no deposit is sent twice. */
    private static final String LUA = """
            local threads = {}
            local counter = 0
            function setup(thread)
              thread:set("id", counter)
              counter = counter + 1
              table.insert(threads, thread)
            end
            function init(args)
              queue = {}
              local n = 0
              for line in io.lines("REQUESTS") do
                if n % 2 == id then
                  local ts, sig, body = line:match("^([^\\t]*)\\t([^\\t]*)\\t(.*)$")
                  table.insert(queue, wrk.format("POST", nil, {["Content-Type"] = "application/json",
                    ["X-CC-Timestamp"] = ts, ["X-CC-Signature"] = sig}, body))
                end
                n = n + 1
              end
              next_request = 0
            end
            function request()
              next_request = next_request % #queue + 1
              return queue[next_request]
            end
            """;
}
