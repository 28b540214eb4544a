package io.hookgate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench startup [rounds]}: for each deployable, restarts its process and times the start to the answer to
 * its first request, the cold start a Lambda caller sees (without AWS's own sandbox set-up). JVM jars by default;
 * native executables with {@code -Dhookgate.bench.native=true} (bin/bench --native).
 */
public final class StartupBench {

    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path root = Path.of(System.getProperty("hookgate.root", ".")).toAbsolutePath().normalize();
        String mode = Boolean.getBoolean("hookgate.bench.native") ? "native" : "JVM";
        try (LocalSystem system = LocalSystem.start(root, "0s,1s,5s,30s", 1)) {
            System.out.printf("%s, %d restarts each: start to first answer (ms), and RSS when idle after it%n", mode, rounds);
            for (String name : List.of("ingest", "admin", "delivery", "realtime")) {
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    Duration took = system.restartToFirstAnswer(name);
                    millis.add(took.toMillis());
                }
                List<Long> sorted = millis.stream().sorted().toList();
                System.out.printf("%-9s median %,5d ms  (runs %s)  RSS %,d KiB%n", name, sorted.get(sorted.size() / 2), millis,
                        system.rssKiB(name));
            }
        }
    }
}
