package io.hookgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** wrk (Debian's {@code wrk}) as the benches' HTTP load and ceiling: runs a Lua script and reads its report. */
final class Wrk {

    /** What wrk reported: requests per second, non-2xx answers, and latency percentiles in milliseconds. */
    record Report(double rate, long non2xx, Map<String, Double> latencyMs, String text) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

    private Wrk() {
    }

    static Report run(String url, String luaScript, int seconds, int connections) throws IOException, InterruptedException {
        Path script = Files.createTempFile("hookgate-wrk", ".lua");
        try {
            Files.writeString(script, luaScript);
            Process wrk;
            try {
                wrk = new ProcessBuilder("wrk", "-t", "2", "-c", Integer.toString(connections), "-d", seconds + "s",
                        "--latency", "-s", script.toString(), url).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("wrk is not installed (Debian: apt-get install wrk)", e);
            }
            String output = new String(wrk.getInputStream().readAllBytes());
            if (wrk.waitFor() != 0) {
                throw new IOException("wrk failed:\n" + output);
            }
            Matcher rate = RATE.matcher(output);
            if (!rate.find()) {
                throw new IOException("wrk's report has no rate:\n" + output);
            }
            Matcher refused = NON_2XX.matcher(output);
            Map<String, Double> latency = new LinkedHashMap<>();
            for (Matcher m = PERCENTILE.matcher(output); m.find(); ) {
                double value = Double.parseDouble(m.group(2));
                latency.put(m.group(1), switch (m.group(3)) {
                    case "us" -> value / 1000;
                    case "s" -> value * 1000;
                    default -> value;
                });
            }
            return new Report(Double.parseDouble(rate.group(1)), refused.find() ? Long.parseLong(refused.group(1)) : 0, latency, output);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /**
     * The bench receiver's own ceiling: wrk posting a delivery-sized signed envelope to it, the figure each delivery
     * rate is printed beside.
     */
    static Report receiverCeiling(String url, int seconds, int connections) throws IOException, InterruptedException {
        String envelope = "{\"type\":\"deposit.confirmed\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"data\":{\"ceiling\":true,"
                + "\"orderId\":\"ceiling\",\"amount\":\"0.001\",\"credited\":35.00,\"newBalance\":35.00}}";
        return run(url, """
                wrk.method = "POST"
                wrk.body = [[%s]]
                wrk.headers["Content-Type"] = "application/json"
                wrk.headers["webhook-id"] = "msg_ceiling"
                wrk.headers["webhook-timestamp"] = "1767225600"
                wrk.headers["webhook-signature"] = "v1,Y2VpbGluZyBydW4gb2YgdGhlIGJlbmNoIHJlY2VpdmVy"
                """.formatted(envelope), seconds, connections);
    }
}
