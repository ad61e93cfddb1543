package org.mhpathway.benchmark;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.benchmark.NationalLoad.SizeResult;

/**
 * The national-load benchmark: the service on PostgreSQL filled with real pathways to each size in turn (1,000,
 * 5,000 and 18,000 live pathways unless {@code -Dbenchmark.sizes} says otherwise), measured at each as the users of
 * one ICS use Tasklist and the API. Prints its tables and writes them to {@code target/benchmark/national-load.md};
 * asserts nothing about time. See docs/performance.md for the command, the settings and what the figures mean.
 */
@Tag("benchmark")
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class NationalLoadBenchmark {

    @Test
    void nationalLoad() throws Exception {
        NationalLoad.Settings settings = NationalLoad.Settings.fromSystemProperties();
        NationalLoadReport report = new NationalLoadReport(settings);
        List<SizeResult> sizes = new ArrayList<>();
        try (NationalLoad load = new NationalLoad(settings, "NationalLoadBenchmark")) {
            load.start();
            for (int size : settings.sizes()) {
                sizes.add(load.grow(size));
                // written after every size, so a long run that is stopped keeps what it measured
                report.write(sizes);
                System.out.println("\n" + report.details(sizes.get(sizes.size() - 1)));
            }
            // last: it removes the history of pathways that still run
            load.cleanUpHistory(Integer.getInteger("benchmark.cleanupPathways", 1000));
        }
        System.out.println("\n" + report.markdown(sizes));
        System.out.println("Written to " + NationalLoadReport.MARKDOWN.toAbsolutePath());
    }
}
