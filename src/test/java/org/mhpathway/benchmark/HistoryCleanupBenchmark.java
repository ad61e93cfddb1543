package org.mhpathway.benchmark;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mhpathway.cluster.ClusterClassPath;
import org.mhpathway.cluster.ServiceNode;

/**
 * History cleanup on a database a national-load run kept ({@code -Dbenchmark.keepDatabase=true}), so that it is
 * measured at that size without filling it again: {@code -Dbenchmark.database=<name>} (the run prints it) and
 * {@code -Dbenchmark.cleanupPathways} (1,000 unless told). The history of that many pathways is made due (see
 * {@link HistoryCleanup}); one node of the service starts on the database with its cleanup window open all day, as
 * production's is open at night, and the rows are counted until none made due is left. The database is not usable
 * for another run afterwards: those pathways run without their history.
 */
@Tag("benchmark")
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
@EnabledIfSystemProperty(named = "benchmark.database", matches = "[a-z][a-z0-9_]*")
class HistoryCleanupBenchmark {

    @Test
    void historyCleanup() throws Exception {
        String name = System.getProperty("benchmark.database");
        String url = LoadDatabase.keptUrl();
        LoadDatabase db = new LoadDatabase(url);
        int pathways = Integer.getInteger("benchmark.cleanupPathways", 1000);
        List<String> all = db.strings("select pathway_id from pathway where closed_at is null order by pathway_id");
        List<String> picked = TimerDrain.spread(all, pathways);
        db.vacuumAnalyze();
        ServiceNode node = new ServiceNode("node-a", "HistoryCleanupBenchmark",
                ClusterClassPath.release("mh-pathway-benchmark.jar"), url, "not-used-the-administrator-exists", List.of(
                        "--spring.main.banner-mode=off",
                        "--camunda.bpm.generic-properties.properties.historyCleanupBatchWindowStartTime=00:00",
                        "--camunda.bpm.generic-properties.properties.historyCleanupBatchWindowEndTime=23:59"),
                List.of("-Xmx2g"));
        try {
            HistoryCleanup.Cleanup cleanup = new HistoryCleanup(db).run(picked,
                    () -> node.start().awaitUp(Duration.ofMinutes(5)), Duration.ofMinutes(60));
            System.out.printf("history cleanup on %s (%,d live pathways, %,d MB): %s%n", name, all.size(),
                    db.sizeBytes() / 1_048_576, cleanup.line());
        } finally {
            node.stop();
        }
    }
}
