package org.mhpathway.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.PostgresTestDatabase;

/**
 * Two nodes of the demo started at the same moment on one empty PostgreSQL database, as a team trying the cluster
 * would start them: both come up, the demo's users, partners and patients are laid out once, and neither logs an
 * ERROR line (before the start-up lock, the second node's duplicate user killed it: "The user already exists"); the
 * engine's schema step added the service's indexes once, under its lock.
 */
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class ClusterStartTest {

    private static final String TEST = "ClusterStartTest";
    private static final Duration START_PATIENCE = Duration.ofMinutes(6);

    @Test
    void twoDemoNodesStartedTogetherOnAnEmptyDatabaseLayTheDemoOutOnceAndLogNoError() throws Exception {
        PostgresTestDatabase database = new PostgresTestDatabase();
        database.create();
        String classPath = ClusterClassPath.release("mh-pathway-start.jar");
        List<String> arguments = List.of("--spring.profiles.active=postgres,demo",
                // the demo profile names its own H2 files; the cluster's database wins on the command line
                "--spring.datasource.url=" + database.url(),
                "--spring.main.banner-mode=off");
        ServiceNode nodeA = new ServiceNode("node-a", TEST, classPath, database.url(), "unused-demo", arguments);
        ServiceNode nodeB = new ServiceNode("node-b", TEST, classPath, database.url(), "unused-demo", arguments);
        try {
            nodeA.start();
            nodeB.start();
            nodeA.awaitUp(START_PATIENCE);
            nodeB.awaitUp(START_PATIENCE);
            // ready once each has laid out (or found) the demo
            for (ServiceNode node : List.of(nodeA, nodeB)) {
                org.awaitility.Awaitility.await().atMost(START_PATIENCE).pollInterval(Duration.ofSeconds(2))
                        .until(() -> ready(node));
            }

            try (Connection c = DriverManager.getConnection(database.url(), PostgresTestDatabase.user(),
                    PostgresTestDatabase.password())) {
                // the demo's users once each (the administrator is the cluster's, from MHPATHWAY_ADMIN_USER)
                assertThat(count(c, "select count(*) from act_id_user where id_ in ('clinician', 'bedmanager', 'hub',"
                        + " 'housing', 'cmht', 'manager', 'nottsclinician')")).isEqualTo(7);
                assertThat(count(c, "select count(*) from act_id_membership where user_id_ = 'clinician'"))
                        .isEqualTo(1);
                assertThat(count(c, "select count(*) from act_ru_filter"))
                        .isEqualTo(count(c, "select count(distinct name_) from act_ru_filter"));
                assertThat(count(c, "select count(*) from partner")).as("the demo directory, once").isEqualTo(37);
                long pathways = count(c, "select count(*) from pathway");
                // 7 sample patients, and 8 earlier ones in each ICS of whom one was readmitted (two pathways)
                assertThat(pathways).as("the sample and earlier patients, laid out by one node").isEqualTo(7 + 3 * 9);
                // the engine's schema step adds the indexes Camunda's schema lacks (system.EngineSchema), once, and
                // every job the demo made carries a due date, so that the job executor finds it by that index
                assertThat(count(c, "select count(*) from pg_indexes where indexname in ('mhp_idx_task_parent',"
                        + " 'mhp_idx_job_duedate', 'mhp_idx_var_ward')")).as("the service's indexes on the engine's tables")
                        .isEqualTo(3);
                assertThat(count(c, "select count(*) from act_ru_job")).as("jobs the demo made").isPositive();
                assertThat(count(c, "select count(*) from act_ru_job where duedate_ is null"))
                        .as("jobs without a due date, which acquisition by due date would never take").isZero();
            }
            assertThat(nodeA.errorLines() + nodeB.errorLines()).as("ERROR lines in the two nodes' logs").isZero();
        } finally {
            nodeA.stop();
            nodeB.stop();
            database.drop();
        }
    }

    private static boolean ready(ServiceNode node) throws IOException, InterruptedException {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(node.baseUrl() + "/actuator/health/readiness"))
                        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 && answer.body().contains("\"UP\"");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
