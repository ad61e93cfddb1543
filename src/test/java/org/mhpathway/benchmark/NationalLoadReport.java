package org.mhpathway.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mhpathway.benchmark.NationalLoad.SizeResult;
import org.mhpathway.benchmark.NationalLoad.Settings;
import org.mhpathway.benchmark.Row.Kind;
import org.mhpathway.benchmark.TimerDrain.Drain;

/**
 * The figures of a run as tables: a summary with one column per size (the slowest group or filter of each kind, so
 * a list that grows with the country shows), then every measurement at each size. Printed on the console and
 * written as markdown to {@code target/benchmark/national-load.md}, ready to paste into {@code docs/performance.md}.
 */
final class NationalLoadReport {

    static final Path MARKDOWN = Path.of("target", "benchmark", "national-load.md");

    private final Settings settings;
    private final String machine = Machine.describe();
    private final String started = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).toString();

    NationalLoadReport(Settings settings) {
        this.settings = settings;
    }

    /** The markdown of the sizes measured so far. */
    String markdown(List<SizeResult> sizes) {
        StringBuilder md = new StringBuilder();
        md.append("# National load, run of ").append(started).append("\n\n");
        md.append("- Machine: ").append(machine).append(" Shared with other builds: read the medians and the growth,"
                + " not single figures.\n");
        md.append("- Settings: sizes ").append(settings.sizes()).append(", measured as the users of ").append(settings.ics())
                .append(", ").append(settings.clients()).append(" client threads filling, seed ").append(settings.seed())
                .append(", partners ").append(settings.partners() ? "on (webhooks answered at once)" : "off")
                .append(", per call ").append(settings.sampling().warmUp()).append(" warm-up then ")
                .append(settings.sampling().minSamples()).append(" to ").append(settings.sampling().maxSamples())
                .append(" timed samples within ").append(settings.sampling().budget().toSeconds()).append(" s.\n");
        md.append("- Times are milliseconds; p50/p95/p99 are nearest-rank percentiles of the timed samples.\n\n");
        md.append(summary(sizes));
        for (SizeResult s : sizes) {
            md.append("\n## ").append(String.format(Locale.UK, "%,d", s.size())).append(" live pathways\n\n");
            md.append(details(s));
        }
        return md.toString();
    }

    /** The summary table, one column per size. */
    String summary(List<SizeResult> sizes) {
        StringBuilder md = new StringBuilder("## Summary\n\n| measurement |");
        sizes.forEach(s -> md.append(String.format(Locale.UK, " %,d |", s.size())));
        md.append("\n| --- |");
        sizes.forEach(s -> md.append(" --- |"));
        md.append('\n');
        line(md, sizes, "live pathways (all, with closed)", s -> String.format(Locale.UK, "%,d (%,d)", s.livePathways(), s.allPathways()));
        line(md, sizes, "open tasks (ACT_RU_TASK)", s -> String.format(Locale.UK, "%,d", s.openTasks()));
        line(md, sizes, "tasks of each group in " + settings.ics(), s -> s.tasksByGroup().entrySet().stream()
                .map(e -> shortGroup(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", ")));
        for (Kind kind : Kind.values()) {
            line(md, sizes, kind.title + ": slowest p50 / p95 / p99", s -> slowest(s, kind)
                    .map(r -> ms(r.p50()) + " / " + ms(r.p95()) + " / " + ms(r.p99()) + (kind == Kind.REFERRAL
                            ? String.format(Locale.UK, " (%.1f a second)", r.perSecond()) : " (" + r.measurement() + ")"))
                    .orElse("-"));
        }
        line(md, sizes, "timers due at once, one node", s -> drainCell(s.oneNode()));
        line(md, sizes, "timers due at once, two nodes", s -> drainCell(s.twoNodes()));
        line(md, sizes, "load average when timed (1, 5, 15 min)", SizeResult::loadAverage);
        line(md, sizes, "pgbench -S -c 1 (same run)", s -> s.pgbench().note() != null ? "-"
                : String.format(Locale.UK, "%,.0f tps, %.3f ms", s.pgbench().tps(), s.pgbench().latencyMs()));
        line(md, sizes, "database size (per 1,000 live pathways)", s -> String.format(Locale.UK, "%,d MB (%,d MB)",
                s.databaseBytes() >> 20, s.livePathways() == 0 ? 0 : (s.databaseBytes() >> 20) * 1000 / s.livePathways()));
        line(md, sizes, "largest tables (with indexes)", s -> String.join(", ", s.largestTables()));
        for (String table : LoadDatabase.COUNTED) {
            line(md, sizes, table.toUpperCase(Locale.ROOT) + " rows", s -> String.format(Locale.UK, "%,d", s.rows().getOrDefault(table, 0L)));
        }
        line(md, sizes, "fill: pathways built, a second (task completions a second)", s -> String.format(Locale.UK,
                "%,d in %s, %.1f (%.1f)", s.fill().pathways(), minutes(s.fill().took()), s.fill().pathwaysPerSecond(),
                s.fill().completionsPerSecond()));
        return md.toString();
    }

    /** Every measurement at one size, then the timers and the plan of the slowest Tasklist query. */
    String details(SizeResult s) {
        StringBuilder md = new StringBuilder(rows(s.measured()));
        md.append("\n- Timers, one node: ").append(drainLine(s.oneNode())).append('\n');
        if (s.twoNodes() != null) {
            md.append("- Timers, two nodes: ").append(drainLine(s.twoNodes())).append('\n');
        }
        md.append("- Fill: ").append(String.format(Locale.UK, "%,d pathways in %s with %d clients (%,d task completions,"
                        + " %,d HTTP calls); the job executor caught up %d s after", s.fill().pathways(), minutes(s.fill().took()),
                settings.clients(), s.fill().completions(), s.fill().httpCalls(), s.settled().toSeconds())).append('\n');
        md.append("- Median time of each step while filling (all sizes so far), slowest first: ").append(s.fill().medians()).append('\n');
        md.append("- pgbench: ").append(s.pgbench().text()).append('\n');
        md.append("- Load average (1, 5, 15 min) when the calls above were timed: ").append(s.loadAverage()).append('\n');
        if (!s.explained().isEmpty()) {
            ExplainCapture.Explained top = s.explained().get(0);
            md.append("\nSlowest Tasklist query: ").append(s.explainedCall()).append(". Its statements by execution time: ")
                    .append(s.explained().stream().map(e -> shortStatement(e.statement()) + " " + ms(e.executionMs()) + " ms")
                            .collect(Collectors.joining(", ")))
                    .append(". The slowest, `EXPLAIN (ANALYZE, BUFFERS)`:\n\n```\n").append(top.plan()).append("```\n");
        }
        return md.toString();
    }

    void write(List<SizeResult> sizes) throws IOException {
        Files.createDirectories(MARKDOWN.getParent());
        Files.writeString(MARKDOWN, markdown(sizes));
        for (SizeResult s : sizes) {
            if (!s.explained().isEmpty()) {
                StringBuilder all = new StringBuilder();
                for (ExplainCapture.Explained e : s.explained()) {
                    all.append("-- ").append(e.statement()).append("\n").append(e.sql()).append(";\n\n").append(e.plan()).append("\n");
                }
                Files.writeString(MARKDOWN.resolveSibling("explain-" + s.size() + ".txt"), all.toString());
            }
        }
    }

    /** Each call timed, one line each. */
    static String rows(List<Row> measured) {
        StringBuilder md = new StringBuilder();
        md.append("| measurement | user | n | p50 | p95 | p99 | calls/s | answer | ICS seen |\n");
        md.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : measured) {
            md.append("| ").append(r.measurement()).append(" | ").append(r.user()).append(" | ").append(r.samples())
                    .append(" | ").append(ms(r.p50())).append(" | ").append(ms(r.p95())).append(" | ").append(ms(r.p99()))
                    .append(" | ").append(Double.isNaN(r.perSecond()) ? "-" : String.format(Locale.UK, "%.1f", r.perSecond()))
                    .append(" | ").append(r.shown()).append(" | ").append(r.icsSeen().isEmpty() ? "" : String.join(", ", r.icsSeen()))
                    .append(" |\n");
        }
        return md.toString();
    }

    static String drainLine(Drain d) {
        if (d == null) {
            return "not measured";
        }
        if (d.timers() == 0) {
            return "no review timer left to make due";
        }
        return String.format(Locale.UK, "%,d timers made due at once on %s: first fired after %.1f s, all %s after %.1f s"
                        + " (%.1f a second once started); fired once %,d, more than once %,d, failed attempts %,d; review tasks"
                        + " opened %,d; by node %s", d.timers(), d.nodes(), d.firstFired().toMillis() / 1000.0,
                d.finished() ? "fired" : "NOT fired", d.allFired().toMillis() / 1000.0, d.perSecond(), d.firedOnce(),
                d.firedTwiceOrMore(), d.failedAttempts(), d.tasksOpened(), d.firedByNode());
    }

    private static String drainCell(Drain d) {
        if (d == null || d.timers() == 0) {
            return "-";
        }
        return String.format(Locale.UK, "%,d all fired %.0f s after due (first after %.0f s; %.0f/s from then)%s", d.timers(),
                d.allFired().toMillis() / 1000.0, d.firstFired().toMillis() / 1000.0, d.perSecond(),
                d.firedTwiceOrMore() > 0 || d.firedOnce() != d.timers() ? ", NOT once each" : ", each once");
    }

    private static Optional<Row> slowest(SizeResult s, Kind kind) {
        return s.measured().stream().filter(r -> r.kind() == kind && r.samples() > 0)
                .max((a, b) -> Double.compare(a.p95(), b.p95()));
    }

    private static void line(StringBuilder md, List<SizeResult> sizes, String title, Function<SizeResult, String> cell) {
        md.append("| ").append(title).append(" |");
        sizes.forEach(s -> md.append(' ').append(cell.apply(s)).append(" |"));
        md.append('\n');
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis >= 100 ? String.format(Locale.UK, "%,.0f", millis) : String.format(Locale.UK, "%.1f", millis);
    }

    private static String minutes(java.time.Duration d) {
        return d.toMinutes() > 0 ? d.toMinutes() + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }

    private static String shortGroup(String group) {
        return Map.of(LoadUsers.WARD, "ward", LoadUsers.BEDS, "beds", LoadUsers.HUB, "hub", LoadUsers.HOUSING, "housing",
                LoadUsers.CMHT, "cmht", LoadUsers.MANAGERS, "managers").getOrDefault(group, group);
    }

    private static String shortStatement(String statement) {
        int dot = statement.lastIndexOf('.');
        return dot < 0 ? statement : statement.substring(dot + 1);
    }

    /** The machine as /proc and the JVM see it. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            String cpu = read("/proc/cpuinfo").lines().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
            String mem = read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> String.format(Locale.UK, "%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0))
                    .orElse("unknown memory");
            String load = loadAverage();
            return String.format(Locale.UK, "%s, %d cores (nproc), %s; load average at start %s; Java %s.", cpu,
                    Runtime.getRuntime().availableProcessors(), mem, load, System.getProperty("java.version"));
        }

        /** The load averages over 1, 5 and 15 minutes: on a shared machine, how busy it was. */
        static String loadAverage() {
            String[] parts = read("/proc/loadavg").split(" ");
            return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
        }

        private static String read(String file) {
            try {
                return Files.readString(Path.of(file));
            } catch (IOException | RuntimeException e) {
                return "";
            }
        }
    }
}
