package io.hookgate.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench startup [rounds]}: for each deployable, starts one more process beside the running system and
 * times its start to the answer to its first request: the cold start a Lambda caller sees, AWS's own sandbox set-up
 * aside. JVM jars by default;
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
            System.out.printf("%s, %d cold starts each: start to first answer (ms); RSS of the running process, idle%n", mode, rounds);
            for (String name : List.of("ingest", "admin", "delivery", "realtime")) {
                List<Long> millis = new ArrayList<>();
                for (int i = 0; i < rounds; i++) {
                    Duration took = system.coldStart(name);
                    millis.add(took.toMillis());
                }
                List<Long> sorted = millis.stream().sorted().toList();
                System.out.printf("%-9s median %,5d ms  (runs %s)  RSS %,d KiB%n", name, sorted.get(sorted.size() / 2), millis,
                        system.rssKiB(name));
            }
        }
    }
}
