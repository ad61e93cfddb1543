package org.mhpathway.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mhpathway.PostgresTestDatabase;

/**
 * Takes PostgreSQL away from the nodes for a while. Where this machine's cluster can be controlled
 * ({@code pg_ctlcluster}, as root), the server is stopped and started again. Elsewhere every connection to the
 * test database is terminated ({@code pg_terminate_backend}) again and again for the same time, which the
 * nodes see much as they see a restart; the output says which was done.
 */
final class PostgresFaults {

    private static final String VERSION = System.getenv().getOrDefault("MHPATHWAY_TEST_PG_VERSION", "15");
    private static final String CLUSTER = System.getenv().getOrDefault("MHPATHWAY_TEST_PG_CLUSTER", "main");

    private PostgresFaults() {
    }

    /** Answers how it was done. PostgreSQL is always running again when this returns, or it throws. */
    static String restart(String database, Duration down) {
        if (canControlServer()) {
            try {
                pgCtlCluster("stop");
                Instant back = Instant.now().plus(down);
                await().atMost(down.plusSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> Instant.now().isAfter(back));
            } finally {
                ensureRunning();
            }
            return "pg_ctlcluster stop, start";
        }
        Instant until = Instant.now().plus(down);
        long[] terminated = {0};
        await().atMost(down.plusSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() -> {
            terminated[0] += terminateConnections(database);
            return Instant.now().isAfter(until);
        });
        return "pg_ctlcluster not usable here, so pg_terminate_backend of " + terminated[0] + " connections";
    }

    /** Starts the server if it is not answering; waits until it does. */
    static void ensureRunning() {
        if (answers()) {
            return;
        }
        if (canControlServer()) {
            pgCtlCluster("start");
        }
        await("PostgreSQL answering again").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
                .until(PostgresFaults::answers);
    }

    private static boolean canControlServer() {
        boolean local = List.of("127.0.0.1", "localhost").contains(PostgresTestDatabase.host());
        return local && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/pg_ctlcluster"))
                && Files.isDirectory(Path.of("/etc/postgresql", VERSION, CLUSTER));
    }

    private static void pgCtlCluster(String action) {
        try {
            Process p = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, action)
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("pg_ctlcluster " + action + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("pg_ctlcluster " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static boolean answers() {
        try (Connection ignored = admin()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static long terminateConnections(String database) throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement();
             var rs = s.executeQuery("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = '"
                     + database + "' and pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + PostgresTestDatabase.host() + ":"
                + PostgresTestDatabase.port() + "/postgres", PostgresTestDatabase.user(), PostgresTestDatabase.password());
    }
}
