package org.mhpathway.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.mhpathway.cluster.ClusterClassPath;
import org.mhpathway.cluster.ServiceNode;

/**
 * What the users of one ICS ask for (every row {@link UserMeasurements} times: each group's lists and counts, each
 * Tasklist filter, a ward's own list, opening a task, a pathway's view, the hub's list, the indicators), measured on a
 * database a national-load run kept ({@code -Dbenchmark.keepDatabase=true}), so that a change to the service is
 * measured at that size without filling it again: {@code -Dbenchmark.database=<name>}. One node of this build starts
 * on it (its schema step adds any index the kept database lacks) and every call is made once over before it is
 * timed, as the node of a run is warm from its fill; the run's users are given new passwords. Nothing
 * is filled, no timer is made due, and the database is left as it was found, but for those passwords.
 */
@Tag("benchmark")
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
@EnabledIfSystemProperty(named = "benchmark.database", matches = "[a-z][a-z0-9_]*")
class KeptDatabaseBenchmark {

    @Test
    void usersOfOneIcsOnAKeptDatabase() throws Exception {
        String name = System.getProperty("benchmark.database");
        String url = LoadDatabase.keptUrl();
        NationalLoad.Settings settings = NationalLoad.Settings.fromSystemProperties();
        LoadDatabase db = new LoadDatabase(url);
        LoadUsers users = new LoadUsers(Duration.ofMinutes(15));
        users.adopt(db);
        db.vacuumAnalyze();
        ServiceNode node = new ServiceNode("node-a", "KeptDatabaseBenchmark",
                ClusterClassPath.release("mh-pathway-benchmark.jar"), url, users.adminPassword,
                List.of("--spring.main.banner-mode=off"), List.of("-Xmx2g"));
        try {
            node.start().awaitUp(Duration.ofMinutes(5));
            List<String> pathways = db.strings("select pathway_id from pathway where closed_at is null and home_ics = ?"
                    + " order by pathway_id", settings.ics());
            // a node just started runs every call cold (a run's node has filled for an hour first): one untimed pass
            new UserMeasurements(users, node, new UserMeasurements.Sampling(settings.sampling().warmUp(), 1, 3,
                    Duration.ofSeconds(2))).measure(settings.ics(), pathways);
            String load = NationalLoadReport.Machine.loadAverage();
            List<Row> measured = new UserMeasurements(users, node, settings.sampling()).measure(settings.ics(), pathways);
            System.out.printf(Locale.UK, "%n# Users of %s on %s: %,d live pathways, %,d open tasks, %,d MB%n%n",
                    settings.ics(), name, db.livePathways(), db.count("select count(*) from act_ru_task"),
                    db.sizeBytes() / 1_048_576);
            System.out.println(NationalLoadReport.rows(measured));
            System.out.println("- Load average (1, 5, 15 min) when the calls above were timed: " + load);
        } finally {
            node.stop();
        }
    }
}
