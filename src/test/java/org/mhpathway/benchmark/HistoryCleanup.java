package org.mhpathway.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What Camunda's history cleanup removes an hour at this size. Production keeps every pathway's history for 365 days
 * after its root process ends ({@code enforceHistoryTimeToLive}; the engine writes that removal time on every history
 * row), then the cleanup job deletes it at night, in batches. No history in a benchmark run is that old, so the
 * measurement makes the history of some pathways due for removal: it sets {@code REMOVAL_TIME_} to yesterday on every
 * history row of their processes (the one write it makes to those tables), starts the cleanup as an administrator
 * would, and counts the rows left until none is.
 */
final class HistoryCleanup {

    private static final Duration POLL = Duration.ofSeconds(2);

    /**
     * What one cleanup showed: {@code rowsMarked} is what was made due, {@code rowsLeft} what it had not removed when
     * the measurement ended; {@code took} runs from the start of the cleanup to the last row removed.
     */
    record Cleanup(int pathways, long rowsMarked, long rowsLeft, Duration firstRemoved, Duration took,
                   long otherRowsBefore, long otherRowsAfter) {

        long rowsRemoved() {
            return rowsMarked - rowsLeft;
        }

        double rowsPerHour() {
            return rowsRemoved() / Math.max(0.001, took.toMillis() / 3_600_000.0);
        }

        double pathwaysPerHour() {
            return rowsMarked == 0 ? 0 : rowsPerHour() * pathways / rowsMarked;
        }

        String line() {
            return String.format(java.util.Locale.UK, "history of %,d pathways (%,d rows) made due: first removed after"
                            + " %.0f s, %,d rows removed in %.0f s, %,.0f rows an hour (the history of %,.0f"
                            + " pathways)%s; other history rows %,d before, %,d after", pathways, rowsMarked,
                    firstRemoved.toMillis() / 1000.0, rowsRemoved(), took.toMillis() / 1000.0, rowsPerHour(),
                    pathwaysPerHour(), rowsLeft == 0 ? "" : ", NOT all removed", otherRowsBefore, otherRowsAfter);
        }
    }

    private final LoadDatabase db;

    HistoryCleanup(LoadDatabase db) {
        this.db = db;
    }

    /** The engine's history tables that carry a removal time and the root process it belongs to. */
    List<String> tables() throws Exception {
        return db.strings("select c.table_name from information_schema.columns c where c.table_schema = current_schema()"
                + " and c.column_name = 'removal_time_' and exists (select 1 from information_schema.columns r"
                + " where r.table_schema = c.table_schema and r.table_name = c.table_name"
                + " and r.column_name = 'root_proc_inst_id_') order by 1");
    }

    /**
     * Makes the history of these pathways due for removal, runs {@code start}, which starts the cleanup job, and waits
     * until every row made due is gone or {@code patience} has passed. The history of a pathway that is still running
     * is then gone while it runs: the measurement is the last thing a run does with these pathways.
     */
    Cleanup run(List<String> pathwayIds, Runnable start, Duration patience) throws Exception {
        List<String> tables = tables();
        List<String> roots = db.strings("select id_ from act_hi_procinst where business_key_ = any(?)", pathwayIds);
        long others = otherRows(tables, roots);
        long marked = 0;
        for (String table : tables) {
            // a byte array of a running variable has a root process too; only history's own (type 3) is made due
            marked += db.update("update " + table + " set removal_time_ = now() - interval '1 day'"
                    + " where root_proc_inst_id_ = any(?)" + (table.equalsIgnoreCase("act_ge_bytearray")
                    ? " and type_ = 3" : ""), roots);
        }
        Instant began = Instant.now();
        start.run();
        long left = marked;
        Instant first = null;
        Instant last = began;
        Instant giveUp = began.plus(patience);
        while (left > 0 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(POLL.toMillis());
            long now = due(tables);
            if (now < left) {
                last = Instant.now();
                if (first == null) {
                    first = last;
                }
            }
            left = now;
        }
        first = first == null ? last : first;
        return new Cleanup(pathwayIds.size(), marked, left, Duration.between(began, first), Duration.between(began, last),
                others, otherRows(tables, roots));
    }

    private long due(List<String> tables) throws Exception {
        long left = 0;
        for (String table : tables) {
            left += db.count("select count(*) from " + table + " where removal_time_ <= now()");
        }
        return left;
    }

    private long otherRows(List<String> tables, List<String> roots) throws Exception {
        long rows = 0;
        for (String table : tables) {
            rows += db.count("select count(*) from " + table + " where root_proc_inst_id_ is null"
                    + " or not root_proc_inst_id_ = any(?)", roots);
        }
        return rows;
    }
}
