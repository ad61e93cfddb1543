package org.mhpathway.benchmark;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mhpathway.PostgresTestDatabase;

/**
 * PostgreSQL's own yardstick of the machine, from the same run: {@code pgbench -S -c 1 -T <seconds>} (select only,
 * one client) on a scratch database initialised with {@code pgbench -i}. On a shared machine it shows how busy the
 * database server was while the benchmark ran. Without {@code pgbench} on the PATH it says so and measures nothing.
 */
final class Pgbench {

    /** Transactions a second and mean latency of one run; {@code note} when there was none. */
    record Figure(double tps, double latencyMs, String note) {
        String text() {
            return note != null ? note : String.format("%.0f tps, %.3f ms a transaction (select only, 1 client)", tps, latencyMs);
        }
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final PostgresTestDatabase scratch = new PostgresTestDatabase("bench_pgbench_");
    private final boolean available = onPath();
    private boolean initialised;

    Figure run(int seconds) throws Exception {
        if (!available) {
            return new Figure(Double.NaN, Double.NaN, "pgbench not on the PATH: not measured");
        }
        if (!initialised) {
            scratch.create();
            initialised = true;
            String out = pgbench("-i", "-q", scratch.name());
            if (!out.contains("done")) {
                return new Figure(Double.NaN, Double.NaN, "pgbench -i failed: " + out.strip());
            }
        }
        String out = pgbench("-S", "-c", "1", "-T", String.valueOf(seconds), scratch.name());
        Matcher tps = TPS.matcher(out);
        Matcher latency = LATENCY.matcher(out);
        if (!tps.find() || !latency.find()) {
            return new Figure(Double.NaN, Double.NaN, "pgbench answered no figure: " + out.strip());
        }
        return new Figure(Double.parseDouble(tps.group(1)), Double.parseDouble(latency.group(1)), null);
    }

    void drop() {
        if (initialised) {
            scratch.drop();
        }
    }

    private static String pgbench(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-h", PostgresTestDatabase.host(),
                "-p", PostgresTestDatabase.port(), "-U", PostgresTestDatabase.user()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", PostgresTestDatabase.password());
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        return out;
    }

    private static boolean onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, "pgbench").canExecute()) {
                return true;
            }
        }
        return false;
    }
}
