package org.mhpathway.indicators;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mhpathway.indicators.IndicatorQueries.LevelGroups;
import org.mhpathway.indicators.IndicatorQueries.Scope;
import org.mhpathway.sla.ScheduledReviews;
import org.mhpathway.system.JdbcTimes;
import org.springframework.stereotype.Component;

/**
 * The patients behind a figure of {@code GET /api/indicators}: for one ICS, ward (or all) and month (or the whole
 * period), each pathway an indicator counted, how it counted (its {@code status}, and whether it is in the numerator)
 * and the dates that decided it. Read from the very rows the indicator counts ({@link IndicatorQueries}'s row
 * sources), so a list and its figure cannot disagree.
 */
@Component
class IndicatorPatients {

    /** The statuses of each indicator, in the order a list shows them: what needs attention first. */
    static final Map<IndicatorName, List<String>> STATUSES = new LinkedHashMap<>();

    static {
        List<String> onTime = List.of("missed", "pending", "met");
        STATUSES.put(IndicatorName.FOLLOW_UP_WITHIN_72_HOURS, List.of("missed", "pending", "met", "excluded"));
        STATUSES.put(IndicatorName.DELAYED_DISCHARGES, List.of("open", "ended"));
        STATUSES.put(IndicatorName.OUT_OF_AREA_PLACEMENTS, List.of("active", "ended"));
        STATUSES.put(IndicatorName.LONG_STAYS, List.of("adult-over-60-days", "older-adult-over-90-days"));
        STATUSES.put(IndicatorName.LEARNING_DISABILITY_AND_AUTISM_INPATIENTS, List.of("in-hospital"));
        STATUSES.put(IndicatorName.CETR_ON_TIME, onTime);
        STATUSES.put(IndicatorName.OVERSIGHT_VISITS_ON_TIME, onTime);
        STATUSES.put(IndicatorName.KEY_STAGE_1_WITHIN_72_HOURS, onTime);
        STATUSES.put(IndicatorName.DISCHARGE_NOTICE_GIVEN_48_HOURS, List.of("missed", "no-notice-recorded", "met"));
        STATUSES.put(IndicatorName.GP_SUMMARY_WITHIN_7_DAYS, onTime);
        STATUSES.put(IndicatorName.READMISSIONS_WITHIN_30_DAYS, List.of("readmitted", "pending", "not-readmitted"));
        STATUSES.put(IndicatorName.DEADLINES, List.of("overdue", "due-within-24-hours", "running", "breached"));
    }

    /** The statuses counted in each indicator's numerator. */
    private static final List<String> NUMERATOR = List.of("met", "open", "active", "adult-over-60-days",
            "older-adult-over-90-days", "in-hospital", "readmitted", "overdue");

    private final IndicatorQueries queries;

    IndicatorPatients(IndicatorQueries queries) {
        this.queries = queries;
    }

    /** Every pathway behind the indicator's figure in one cell: {@code month} null for the whole period. */
    List<IndicatorPatient> patients(Scope scope, IndicatorName name, Integer month, LevelGroups groups) {
        List<IndicatorPatient> rows = switch (name) {
            case FOLLOW_UP_WITHIN_72_HOURS, DISCHARGE_NOTICE_GIVEN_48_HOURS, GP_SUMMARY_WITHIN_7_DAYS,
                 READMISSIONS_WITHIN_30_DAYS -> discharges(scope, name, month);
            case DELAYED_DISCHARGES -> episodes(scope, month, true);
            case OUT_OF_AREA_PLACEMENTS -> episodes(scope, month, false);
            case LONG_STAYS, LEARNING_DISABILITY_AND_AUTISM_INPATIENTS -> inpatients(scope, name, month);
            case CETR_ON_TIME -> reviews(scope, ScheduledReviews.CETR, month);
            case OVERSIGHT_VISITS_ON_TIME -> reviews(scope, ScheduledReviews.OVERSIGHT_VISIT, month);
            case KEY_STAGE_1_WITHIN_72_HOURS -> keyStage1(scope, month);
            case DEADLINES -> deadlines(scope, month, groups);
        };
        List<String> order = STATUSES.get(name);
        List<IndicatorPatient> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt((IndicatorPatient p) -> order.indexOf(p.status()))
                .thenComparing(IndicatorPatients::firstDate, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(IndicatorPatient::pathwayId));
        return sorted;
    }

    // ---- the row sources, one cell of each ----

    /** {@code where} for the rows of a cell of something that happened in the period: the month's, or every one. */
    private static String flow(Integer month, Map<String, Object> params) {
        if (month == null) {
            return null;
        }
        params.put("cell", month);
        return "x.idx = :cell";
    }

    /** {@code where} for the rows of a cell of a figure "now": the month's end, or the period's (its last month). */
    private static String snapshot(Scope scope, Integer month, Map<String, Object> params) {
        params.put("cell", month == null ? scope.period().lastMonth() : month);
        return "x.idx = :cell";
    }

    private List<IndicatorPatient> discharges(Scope scope, IndicatorName name, Integer month) {
        Map<String, Object> params = new HashMap<>();
        String where = flow(month, params);
        String kept = switch (name) {
            case FOLLOW_UP_WITHIN_72_HOURS -> "x.adult_acute = 1";
            default -> "x.alive = 1";
        };
        where = where == null ? kept : where + " and " + kept;
        List<IndicatorPatient> rows = new ArrayList<>();
        queries.rows(scope, q -> IndicatorQueries.dischargeRows(q, name == IndicatorName.READMISSIONS_WITHIN_30_DAYS),
                where, params, rs -> {
                    Map<String, Object> dates = new LinkedHashMap<>();
                    Map<String, Object> details = new LinkedHashMap<>();
                    String status;
                    switch (name) {
                        // PATHWAY.md section 5 (seed 004): the national definition; the SLA clock beside it
                        case FOLLOW_UP_WITHIN_72_HOURS -> {
                            dates.put("dischargedAt", JdbcTimes.instant(rs, "discharged_at"));
                            dates.put("followUpCompletedAt", JdbcTimes.instant(rs, "follow_up_completed_at"));
                            dates.put("diedAt", JdbcTimes.instant(rs, "died_at"));
                            details.put("wardType", rs.getString("ward_type"));
                            details.put("dischargeDestination", rs.getString("discharge_destination"));
                            details.put("slaClockBreached", rs.getInt("fu_clock") == 1);
                            status = rs.getInt("eligible") == 0 ? "excluded" : onTime(rs, "fu_met", "fu_pending");
                        }
                        case DISCHARGE_NOTICE_GIVEN_48_HOURS -> {
                            dates.put("dischargeNoticeGivenAt", JdbcTimes.instant(rs, "discharge_notice_given_at"));
                            dates.put("dischargedAt", JdbcTimes.instant(rs, "discharged_at"));
                            status = rs.getInt("notice_met") == 1 ? "met"
                                    : rs.getInt("notice_missing") == 1 ? "no-notice-recorded" : "missed";
                        }
                        case GP_SUMMARY_WITHIN_7_DAYS -> {
                            dates.put("dischargedAt", JdbcTimes.instant(rs, "discharged_at"));
                            dates.put("gpSummarySentAt", JdbcTimes.instant(rs, "gp_summary_sent_at"));
                            status = onTime(rs, "gp_met", "gp_pending");
                        }
                        default -> {
                            dates.put("dischargedAt", JdbcTimes.instant(rs, "discharged_at"));
                            dates.put("readmissionReferredAt", JdbcTimes.instant(rs, "readmitted_at"));
                            status = rs.getInt("readmitted") == 1 ? "readmitted"
                                    : rs.getInt("within_30_days") == 1 ? "pending" : "not-readmitted";
                        }
                    }
                    rows.add(row(rs, status, dates, details));
                });
        return rows;
    }

    private static String onTime(ResultSet rs, String met, String pending) throws SQLException {
        return rs.getInt(met) == 1 ? "met" : rs.getInt(pending) == 1 ? "pending" : "missed";
    }

    /**
     * Delay periods or out-of-area placements overlapping the cell: open (active) at its end, or ended in it, with the
     * bed days inside it. For the whole period the months of one episode are taken together.
     */
    private List<IndicatorPatient> episodes(Scope scope, Integer month, boolean delays) {
        Map<String, Object> params = new HashMap<>();
        String where = flow(month, params);
        int last = month == null ? scope.period().lastMonth() : month;
        Map<Long, Episode> byId = new LinkedHashMap<>();
        queries.rows(scope, delays ? IndicatorQueries::delayRows : IndicatorQueries::outOfAreaRows, where, params, rs -> {
            Episode e = byId.computeIfAbsent(rs.getLong("id"), id -> new Episode());
            if (e.pathwayId == null) {
                e.pathwayId = rs.getString("pathway_id");
                e.ward = rs.getString("ward");
                e.dates.put("startedAt", JdbcTimes.instant(rs, "started_at"));
                e.dates.put("endedAt", JdbcTimes.instant(rs, "ended_at"));
                if (!delays) {
                    e.details.put("hospital", rs.getString("hospital"));
                }
            }
            if (delays) {
                // a delay's reason, attribution and authority as they stood last in the cell (its reason history)
                Instant stretch = JdbcTimes.instant(rs, "stretch_started_at");
                if (e.stretch == null || !stretch.isBefore(e.stretch)) {
                    e.stretch = stretch;
                    e.details.put("reason", rs.getString("reason"));
                    e.details.put("attribution", rs.getString("attribution"));
                    e.details.put("localAuthority", rs.getString("authority"));
                }
            }
            e.seconds += rs.getDouble("seconds");
            e.startedInPeriod |= rs.getInt("started") == 1;
            if (rs.getInt("idx") == last && rs.getInt("open_now") == 1) {
                e.open = true;
            }
        });
        List<IndicatorPatient> rows = new ArrayList<>();
        for (Episode e : byId.values()) {
            e.details.put("startedInPeriod", e.startedInPeriod);
            e.details.put(delays ? "bedDaysLost" : "bedDaysOutOfArea",
                    Math.round(e.seconds / IndicatorQueries.SECONDS_PER_DAY * 10) / 10.0);
            String status = e.open ? (delays ? "open" : "active") : "ended";
            rows.add(new IndicatorPatient(e.pathwayId, e.ward, status, NUMERATOR.contains(status), e.dates, e.details));
        }
        return rows;
    }

    private static final class Episode {
        String pathwayId;
        String ward;
        final Map<String, Object> dates = new LinkedHashMap<>();
        final Map<String, Object> details = new LinkedHashMap<>();
        double seconds;
        boolean startedInPeriod;
        boolean open;
        Instant stretch;
    }

    /** Long stays, or people with a learning disability or autism, in hospital at the cell's end (or now). */
    private List<IndicatorPatient> inpatients(Scope scope, IndicatorName name, Integer month) {
        Map<String, Object> params = new HashMap<>();
        String where = snapshot(scope, month, params) + (name == IndicatorName.LONG_STAYS
                ? " and (x.adults_long = 1 or x.older_long = 1)" : " and x.lda = 1");
        Instant at = month == null ? scope.period().snapshot() : scope.period().month(month).snapshot();
        List<IndicatorPatient> rows = new ArrayList<>();
        queries.rows(scope, IndicatorQueries::inpatientRows, where, params, rs -> {
            Map<String, Object> dates = new LinkedHashMap<>();
            Instant admitted = JdbcTimes.instant(rs, "admitted_at");
            dates.put("admittedAt", admitted);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("wardType", rs.getString("ward_type"));
            details.put("daysInHospital", Duration.between(admitted, at).toDays());
            String status = name == IndicatorName.LEARNING_DISABILITY_AND_AUTISM_INPATIENTS ? "in-hospital"
                    : rs.getInt("adults_long") == 1 ? "adult-over-60-days" : "older-adult-over-90-days";
            rows.add(row(rs, status, dates, details));
        });
        return rows;
    }

    private List<IndicatorPatient> reviews(Scope scope, String kind, Integer month) {
        Map<String, Object> params = new HashMap<>();
        List<IndicatorPatient> rows = new ArrayList<>();
        queries.rows(scope, q -> IndicatorQueries.reviewRows(q, kind), flow(month, params), params, rs -> {
            Map<String, Object> dates = new LinkedHashMap<>();
            dates.put("dueAt", JdbcTimes.instant(rs, "due_at"));
            dates.put("heldAt", JdbcTimes.instant(rs, "held_at"));
            rows.add(row(rs, onTime(rs, "on_time", "pending"), dates, Map.of()));
        });
        return rows;
    }

    private List<IndicatorPatient> keyStage1(Scope scope, Integer month) {
        Map<String, Object> params = new HashMap<>();
        List<IndicatorPatient> rows = new ArrayList<>();
        queries.rows(scope, IndicatorQueries::keyStage1Rows, flow(month, params), params, rs -> {
            Map<String, Object> dates = new LinkedHashMap<>();
            dates.put("admittedAt", JdbcTimes.instant(rs, "admitted_at"));
            dates.put("keyStage1CompletedAt", JdbcTimes.instant(rs, "key_stage_1_completed_at"));
            rows.add(row(rs, onTime(rs, "met", "pending"), dates, Map.of()));
        });
        return rows;
    }

    /**
     * Deadlines running now (a task's due date, an escalation ladder's next climb), each overdue, due within 24 hours
     * or running; and the deadlines missed in the cell. A month that has ended has no deadlines running.
     */
    private List<IndicatorPatient> deadlines(Scope scope, Integer month, LevelGroups groups) {
        List<IndicatorPatient> rows = new ArrayList<>();
        Instant now = scope.period().now();
        Instant soon = now.plus(Duration.ofHours(24));
        if (scope.period().isNow(month)) {
            queries.rows(scope, IndicatorQueries::taskDeadlineRows, null, Map.of(), rs -> {
                // a task's due date: a timestamp without zone in the JVM's zone, as the engine writes it
                Timestamp due = rs.getTimestamp("due");
                String team = rs.getString("team") == null ? IndicatorQueries.NO_TEAM : rs.getString("team");
                rows.add(deadline(rs, due.toInstant(), now, soon, team, rs.getString("task_name"), null, null, null));
            });
            for (String ladder : List.of(IndicatorQueries.DELAY_LADDER_LEVEL, IndicatorQueries.HOUSING_LADDER_LEVEL)) {
                queries.rows(scope, q -> IndicatorQueries.ladderDeadlineRows(q, ladder), null, Map.of(), rs -> {
                    int level = rs.getInt("lvl");
                    String what = IndicatorQueries.DELAY_LADDER_LEVEL.equals(ladder)
                            ? "Delayed discharge escalation" : "Housing escalation";
                    rows.add(deadline(rs, JdbcTimes.instant(rs, "due"), now, soon, groups.group(ladder, level), what,
                            ladder, level, rs.getString("level_name")));
                });
            }
        }
        Map<String, Object> params = new HashMap<>();
        queries.rows(scope, q -> IndicatorQueries.breachRows(q, false), flow(month, params), params, rs -> {
            Map<String, Object> dates = new LinkedHashMap<>();
            dates.put("dueAt", JdbcTimes.instant(rs, "due_at"));
            dates.put("breachedAt", JdbcTimes.instant(rs, "breached_at"));
            dates.put("respondedAt", JdbcTimes.instant(rs, "responded_at"));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("what", rs.getString("sla_name"));
            details.put("team", rs.getString("team"));
            rows.add(row(rs, "breached", dates, details));
        });
        return rows;
    }

    private static IndicatorPatient deadline(ResultSet rs, Instant due, Instant now, Instant soon, String team,
                                             String what, String ladder, Integer level, String levelName)
            throws SQLException {
        String status = due.isBefore(now) ? "overdue" : due.isBefore(soon) ? "due-within-24-hours" : "running";
        Map<String, Object> dates = new LinkedHashMap<>();
        dates.put("dueAt", due);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("what", what);
        details.put("team", team);
        if (ladder != null) {
            details.put("escalationLadder", ladder);
            details.put("escalationLevel", level);
            details.put("escalationLevelName", levelName);
        }
        return row(rs, status, dates, details);
    }

    private static IndicatorPatient row(ResultSet rs, String status, Map<String, Object> dates,
                                        Map<String, Object> details) throws SQLException {
        return new IndicatorPatient(rs.getString("pathway_id"), rs.getString("ward"), status,
                NUMERATOR.contains(status), dates, details);
    }

    private static Instant firstDate(IndicatorPatient patient) {
        for (Object value : patient.dates().values()) {
            if (value instanceof Instant instant) {
                return instant;
            }
        }
        return null;
    }
}
