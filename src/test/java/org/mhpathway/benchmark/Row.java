package org.mhpathway.benchmark;

import java.util.Set;

/**
 * One measured call: what was asked, by whom, how many timed samples, latency percentiles in milliseconds, calls a
 * second, what the answer showed (e.g. how many tasks), and the ICSs of the tasks it showed (the tenant check at
 * work: a user of one ICS must see that one only).
 */
record Row(Kind kind, String measurement, String user, int samples, double p50, double p95, double p99,
           double perSecond, String shown, Set<String> icsSeen) {

    /** Kinds of measurement, for the summary's "slowest of each kind". */
    enum Kind {
        GROUP_LIST("group task list (candidateGroup, by due date, first 15)", true),
        GROUP_COUNT("group task count", true),
        FILTER_LIST("Tasklist filter list (HAL, with the filter's variables)", true),
        OPEN_TASK("open a task with its form (task, form, form-variables, deployed form)", false),
        PATHWAY_VIEW("GET /api/pathways/{id}", false),
        HUB_LIST("GET /api/delayed-discharges (the hub's list)", false),
        INDICATORS("GET /api/indicators (a manager's 12 months, JSON and CSV; the indicators and deadlines pages)", false),
        REFERRAL("POST /api/referrals, 8 clients at once", false);

        final String title;
        /** A query of Tasklist's task lists, whose SQL the benchmark explains. */
        final boolean tasklistQuery;

        Kind(String title, boolean tasklistQuery) {
            this.title = title;
            this.tasklistQuery = tasklistQuery;
        }
    }

    static Row of(Kind kind, String measurement, String user, Timings t, String shown, Set<String> icsSeen) {
        return new Row(kind, measurement, user, t.count(), t.percentile(50), t.percentile(95), t.percentile(99),
                t.perSecond(), shown, icsSeen);
    }
}
