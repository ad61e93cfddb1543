package org.mhpathway.benchmark;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mhpathway.PostgresTestDatabase;

/**
 * What the benchmark reads from PostgreSQL directly: sizes, row counts, whether the job executor has caught up, and
 * which timers fired. It writes nothing the engine owns, except {@code ACT_RU_JOB.DUEDATE_} of the timers the drain
 * measurement makes due at once (see {@link TimerDrain}), and it runs {@code VACUUM ANALYZE} before each measurement.
 */
final class LoadDatabase {

    /** The tables whose growth the national load is about. */
    static final List<String> COUNTED = List.of("act_ru_task", "act_ru_authorization", "act_ru_variable",
            "act_hi_varinst", "act_hi_detail", "act_ru_job", "act_ru_execution", "act_hi_procinst", "access_audit");

    private final String url;

    /** The database a run kept, named by {@code -Dbenchmark.database}, on the test PostgreSQL server. */
    static String keptUrl() {
        return "jdbc:postgresql://" + org.mhpathway.PostgresTestDatabase.host() + ":"
                + org.mhpathway.PostgresTestDatabase.port() + "/" + System.getProperty("benchmark.database");
    }

    LoadDatabase(String url) {
        this.url = url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, PostgresTestDatabase.user(), PostgresTestDatabase.password());
    }

    /**
     * Fresh statistics for the planner and no dead rows left to read past, as an operator's autovacuum would leave
     * the tables after a quiet while.
     */
    void vacuumAnalyze() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("vacuum analyze");
        }
    }

    long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    List<String> strings(String sql, Object... parameters) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    Map<String, Long> countBy(String sql, Object... parameters) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, parameters);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(String.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    int update(String sql, Object... parameters) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, parameters);
            return s.executeUpdate();
        }
    }

    long sizeBytes() throws SQLException {
        return count("select pg_database_size(current_database())");
    }

    Map<String, Long> rowCounts() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : COUNTED) {
            counts.put(table, count("select count(*) from " + table));
        }
        return counts;
    }

    /** The largest tables with their indexes and TOAST, largest first, e.g. "act_hi_detail 1,200 MB". */
    List<String> largestTables(int n) throws SQLException {
        return strings("select c.relname || ' ' || to_char(pg_total_relation_size(c.oid) / 1048576, 'FM999,999,990') || ' MB'"
                + " from pg_class c join pg_namespace ns on ns.oid = c.relnamespace"
                + " where ns.nspname = current_schema() and c.relkind = 'r'"
                + " order by pg_total_relation_size(c.oid) desc limit " + n);
    }

    long livePathways() throws SQLException {
        return count("select count(*) from pathway where closed_at is null");
    }

    long allPathways() throws SQLException {
        return count("select count(*) from pathway");
    }

    /** Jobs the job executor could run now: due, not failed for good, not suspended. */
    long dueJobs() throws SQLException {
        return count("select count(*) from act_ru_job where (duedate_ is null or duedate_ <= now())"
                + " and retries_ > 0 and suspension_state_ = 1");
    }

    /** Waits until the job executor has run every job that is due, so that a measurement is not shared with it. */
    Duration awaitJobsDone(Duration patience) throws Exception {
        Instant began = Instant.now();
        Instant giveUp = began.plus(patience);
        while (dueJobs() > 0) {
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError(dueJobs() + " due jobs still waiting after " + patience);
            }
            Thread.sleep(500);
        }
        return Duration.between(began, Instant.now());
    }

    /** {@code EXPLAIN (ANALYZE, BUFFERS)} of one statement, as PostgreSQL prints it. */
    String explain(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("explain (analyze, buffers) " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static void bind(Connection c, PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof List<?> list) {
                Array array = c.createArrayOf("varchar", list.toArray());
                s.setArray(i + 1, array);
            } else {
                s.setObject(i + 1, p);
            }
        }
    }
}
