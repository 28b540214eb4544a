package io.hookgate.bench;

import io.hookgate.devstack.DevStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bench's own PostgreSQL can commit of ingest's SQL, measured by pgbench in the same run: the ceiling each
 * throughput figure is printed beside, as a ratio (the machine is shared and noisy; ratios hold, absolute figures do
 * not). The deposit script is the statement ingest sends per deposit ({@code ccpayment_credit_deposit}, V20), with the
 * bench's own spread of 100 users, so the account rows contend as they do under the HTTP load.
 */
final class DatabaseCeiling {

    /** One deposit as ingest sends it: the receipt, price, account, ledger, both events and the outbox in one statement. */
    static final String DEPOSIT = """
            \\set user random(0, 99)
            select * from ccpayment_credit_deposit('pgb_' || :client_id || '_' || md5(random()::text), 'req_pgbench', 'bench-user-' || :user, 'ETH', 'DGT', 0.001, 1800, 'org_default', 'tx_' || md5(random()::text), 'evt_' || md5(random()::text), 'evt_' || md5(random()::text), jsonb_build_object('userId', 'bench-user-' || :user, 'orderId', 'o', 'internalTxId', 't', 'coin', 'ETH', 'amount', '0.001', 'network', 'ethereum', 'transactionHash', '0xabc', 'creditCoin', 'DGT'), jsonb_build_object('coin', 'ETH', 'amount', '0.001', 'transactionHash', '0xabc', 'network', 'ethereum'), jsonb_build_object('processed', true, 'userId', 'bench-user-' || :user, 'internalTxId', 't'));
            """;

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");

    private DatabaseCeiling() {
    }

    /** Transactions per second pgbench commits with {@code script} at {@code clients} connections for {@code seconds}. */
    static double tps(DevStack stack, String script, int clients, int seconds) throws IOException, InterruptedException {
        Path file = Files.createTempFile("hookgate-pgbench", ".sql");
        Files.writeString(file, script);
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("pgbench", "-n", "-M", "prepared", "-h", "127.0.0.1",
                    "-p", Integer.toString(stack.postgresPort()), "-U", DevStack.DB_USER, "-c", Integer.toString(clients),
                    "-j", "2", "-T", Integer.toString(seconds), "-f", file.toString(), DevStack.DB_NAME))
                    .redirectErrorStream(true);
            builder.environment().putAll(Map.of("PGPASSWORD", DevStack.DB_PASSWORD));
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new IOException("pgbench is not installed (Debian: apt-get install postgresql-15 or postgresql-contrib)", e);
            }
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException("pgbench failed:\n" + output);
            }
            Matcher tps = TPS.matcher(output);
            if (!tps.find()) {
                throw new IOException("no tps in pgbench's output:\n" + output);
            }
            return Double.parseDouble(tps.group(1));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
