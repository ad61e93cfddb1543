package org.mhpathway.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * PostgreSQL's autovacuum, for a server that runs without it. Production keeps autovacuum on
 * ({@code docs/operations.md}); a benchmark on a server with {@code autovacuum = off} would otherwise measure
 * tables that were never analyzed (the planner then reads an execution's variables through the wrong index, 44 ms
 * instead of 0.1 ms) and never vacuumed (every job acquisition reads past the dead rows of every job ever run).
 * With the server's defaults, once a minute: {@code VACUUM ANALYZE} a table whose dead rows exceed 50 + 20% of its
 * live rows, {@code ANALYZE} one whose changes since the last analysis exceed 50 + 10% of them. When the server runs
 * its own autovacuum this does nothing.
 */
final class Autovacuum implements AutoCloseable {

    private static final long NAPTIME_SECONDS = 60;

    private final LoadDatabase db;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "benchmark-autovacuum");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong vacuums = new AtomicLong();
    private final AtomicLong analyses = new AtomicLong();
    private final boolean serverRunsItsOwn;

    Autovacuum(LoadDatabase db) throws SQLException {
        this.db = db;
        this.serverRunsItsOwn = db.strings("show autovacuum").equals(List.of("on"));
        if (serverRunsItsOwn) {
            System.out.println("national load: the server runs autovacuum");
        } else {
            System.out.printf("national load: the server runs without autovacuum; the benchmark vacuums and analyzes"
                    + " as autovacuum's defaults would, every %d s%n", NAPTIME_SECONDS);
            timer.scheduleWithFixedDelay(this::round, NAPTIME_SECONDS, NAPTIME_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** Tables vacuumed and tables analyzed so far. */
    String summary() {
        return serverRunsItsOwn ? "the server's autovacuum"
                : vacuums.get() + " vacuums and " + analyses.get() + " analyses by the benchmark";
    }

    private void round() {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            List<String[]> due = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("select relname, n_dead_tup > 50 + 0.2 * n_live_tup"
                    + " from pg_stat_user_tables where schemaname = current_schema()"
                    + " and (n_dead_tup > 50 + 0.2 * n_live_tup or n_mod_since_analyze > 50 + 0.1 * n_live_tup)")) {
                while (rs.next()) {
                    due.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
            for (String[] table : due) {
                boolean vacuum = "t".equals(table[1]) || "true".equals(table[1]);
                s.execute((vacuum ? "vacuum analyze " : "analyze ") + "\"" + table[0] + "\"");
                (vacuum ? vacuums : analyses).incrementAndGet();
            }
        } catch (SQLException e) {
            System.out.println("national load: autovacuum round failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
