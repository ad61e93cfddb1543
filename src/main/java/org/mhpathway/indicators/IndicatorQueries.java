package org.mhpathway.indicators;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mhpathway.indicators.IndicatorPeriod.Month;
import org.mhpathway.indicators.Tally.Kind;
import org.mhpathway.pathway.PathwayProcesses.DelayedDischargeEscalation;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.sla.ScheduledReviews;
import org.mhpathway.system.JdbcTimes;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Component;

/**
 * The SQL behind the managers' indicators (PATHWAY.md section 5). Each query counts one ICS over the period in the
 * database, grouped by month and ward, on the indexes of V9__indicators.sql (and V11__delay_reason_history.sql for the
 * delays): nothing is read pathway by pathway. What happened in a month is bucketed with a {@code case} on the months'
 * boundaries; a figure at each month's end joins a {@code values} table of the months. Calendar days are those of the policy's calendar (Europe/London), counted from
 * the zone's offsets, the same on PostgreSQL and H2.
 *
 * <p>Each indicator's rows (one per discharge, admission, review, episode and month, person and month, deadline) are
 * one SQL source, a {@code ...Rows} method: the indicator counts them with a {@code group by} around it, and
 * {@link IndicatorPatients} lists the same rows as the patients behind a figure, so the two cannot disagree.
 */
@Component
class IndicatorQueries {

    static final long SECONDS_PER_DAY = 86_400;

    /** Measure names shared by {@link Indicators} and the queries. */
    static final String INPATIENTS = "inpatients";
    static final String LEARNING_DISABILITY_OR_AUTISM = "learningDisabilityOrAutism";
    static final String ADULTS_OVER_60_DAYS = "adultsOver60Days";
    static final String OLDER_ADULTS_OVER_90_DAYS = "olderAdultsOver90Days";
    static final String OPEN = "open";
    static final String STARTED = "startedInPeriod";
    static final String BED_DAYS = "bedDays";
    static final String DUE = "due";
    static final String MET = "met";
    static final String PENDING = "pending";
    static final String RUNNING = "running";
    static final String DUE_SOON = "dueWithin24Hours";
    static final String OVERDUE = "overdue";
    static final String BREACHED = "breached";
    static final String AWAITING_RESPONSE = "breachesAwaitingResponse";

    /** Breakdown dimensions. */
    static final String REASON = "reason";
    static final String ATTRIBUTION = "attribution";
    static final String LOCAL_AUTHORITY = "localAuthority";
    static final String TEAM = "team";
    static final String DELAY_LADDER_LEVEL = "delayed-discharge";
    static final String HOUSING_LADDER_LEVEL = "housing";

    /** The team of a deadline whose task has no candidate group. */
    static final String NO_TEAM = "none";

    /**
     * Tasks that are no deadline of their own: a response to a deadline already missed (counted as a breach), and an
     * escalation ladder's task, due when its level's limit passes (counted once, as the ladder's deadline).
     */
    private static final List<String> NOT_DEADLINES = List.of(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE,
            DelayedDischargeEscalation.TASK_ESCALATE_DELAYED_DISCHARGE, HousingEscalation.TASK_CHASE_HOUSING_REFERRAL);

    private final JdbcClient jdbc;
    private final boolean postgres;

    IndicatorQueries(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.postgres = isPostgres(dataSource);
    }

    private static boolean isPostgres(DataSource dataSource) {
        try {
            return JdbcUtils.<String>extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName)
                    .toLowerCase(java.util.Locale.ROOT).contains("postgres");
        } catch (MetaDataAccessException e) {
            return false;
        }
    }

    /**
     * Called first in the read's transaction. On PostgreSQL it turns just-in-time compilation off for it: these are
     * short aggregates whose estimated cost can still pass {@code jit_above_cost}, and compiling them took seconds
     * more than running them (IndicatorsBenchmark).
     */
    void beginReading() {
        if (postgres) {
            jdbc.sql("set local jit = off").update();
        }
    }

    /** One ICS (and one ward of it, or all) over a period. */
    record Scope(String ics, String ward, IndicatorPeriod period) {
    }

    /**
     * People in hospital at each month's end (or now): admitted, and neither discharged nor closed by then. Among them
     * people with a learning disability or autism (PATHWAY.md section 5, seeds 003 and 004) and long stays: over 60 days
     * for adults, over 90 days on an older adults' ward (PATHWAY.md sections 2 and 5, seed 004), on the policy's
     * calendar like the long-stay review timers.
     */
    Counts inpatients(Scope scope) {
        Query q = new Query(scope);
        Counts counts = new Counts();
        q.run("""
                select x.idx, x.ward, count(*) as inpatients, sum(x.lda) as lda, sum(x.adults_long) as adults_long,
                       sum(x.older_long) as older_long
                  from (%s) x
                 group by x.idx, x.ward""".formatted(inpatientRows(q)), rs -> {
            int month = rs.getInt("idx");
            String ward = rs.getString("ward");
            counts.measure(INPATIENTS, Kind.SNAPSHOT).add(month, ward, rs.getLong("inpatients"));
            counts.measure(LEARNING_DISABILITY_OR_AUTISM, Kind.SNAPSHOT).add(month, ward, rs.getLong("lda"));
            counts.measure(ADULTS_OVER_60_DAYS, Kind.SNAPSHOT).add(month, ward, rs.getLong("adults_long"));
            counts.measure(OLDER_ADULTS_OVER_90_DAYS, Kind.SNAPSHOT).add(month, ward, rs.getLong("older_long"));
        });
        counts.measure(INPATIENTS, Kind.SNAPSHOT);
        counts.measure(LEARNING_DISABILITY_OR_AUTISM, Kind.SNAPSHOT);
        counts.measure(ADULTS_OVER_60_DAYS, Kind.SNAPSHOT);
        counts.measure(OLDER_ADULTS_OVER_90_DAYS, Kind.SNAPSHOT);
        return counts;
    }

    /** The people {@link #inpatients} counts: one row per person in hospital at each month's end (or now). */
    static String inpatientRows(Query q) {
        return """
                select m.idx, p.pathway_id, p.ward, p.ward_type, p.admitted_at,
                       case when p.learning_disability_or_autism = true then 1 else 0 end as lda,
                       case when p.ward_type <> 'older-adult' and p.admitted_at < m.adult_long_before
                            then 1 else 0 end as adults_long,
                       case when p.ward_type = 'older-adult' and p.admitted_at < m.older_long_before
                            then 1 else 0 end as older_long
                  from %s
                  join pathway p on p.admitted_at <= m.snap_at
                   and (p.discharged_at > m.snap_at
                        or (p.discharged_at is null and (p.closed_at is null or p.closed_at > m.snap_at)))
                 where p.home_ics = :ics and (p.closed_at is null or p.closed_at > :start) %s"""
                .formatted(q.months(), q.ward("p.ward"));
    }

    /**
     * Delayed discharges (PATHWAY.md sections 3 and 5): delay periods open at each month's end, begun in it, and the
     * bed days lost in it (the part of each period inside the month), by reason, attribution and local authority.
     * Counted over the stretches of each period's reason history ({@code delay_period_reason}), which follow one
     * another from the period's start to its end: the bed days of a stretch count under the reason, attribution and
     * authority in force then, an open delay under the account it has at the moment, and a delay begun under the
     * account of its first stretch. A period is counted once in the totals: it has one stretch at any moment and one
     * first stretch.
     */
    Counts delays(Scope scope) {
        Query q = new Query(scope);
        Counts counts = new Counts();
        q.run("""
                select x.idx, x.ward, x.reason, x.attribution, x.authority, sum(x.open_now) as open_count,
                       sum(x.started) as started, sum(x.seconds) as seconds
                  from (%s) x
                 group by x.idx, x.ward, x.reason, x.attribution, x.authority""".formatted(delayRows(q)), rs -> {
            int month = rs.getInt("idx");
            String w = rs.getString("ward");
            long open = rs.getLong("open_count");
            long started = rs.getLong("started");
            double days = rs.getDouble("seconds") / SECONDS_PER_DAY;
            counts.measure(OPEN, Kind.SNAPSHOT).add(month, w, open);
            counts.measure(STARTED, Kind.FLOW).add(month, w, started);
            counts.measure(BED_DAYS, Kind.FLOW).add(month, w, days);
            for (String[] dimension : new String[][] {{REASON, rs.getString("reason")},
                    {ATTRIBUTION, rs.getString("attribution")}, {LOCAL_AUTHORITY, rs.getString("authority")}}) {
                counts.breakdown(dimension[0], dimension[1], OPEN, Kind.SNAPSHOT).add(month, w, open);
                counts.breakdown(dimension[0], dimension[1], STARTED, Kind.FLOW).add(month, w, started);
                counts.breakdown(dimension[0], dimension[1], BED_DAYS, Kind.FLOW).add(month, w, days);
            }
        });
        counts.measure(OPEN, Kind.SNAPSHOT);
        counts.measure(STARTED, Kind.FLOW);
        counts.measure(BED_DAYS, Kind.FLOW);
        return counts;
    }

    /**
     * The delay periods {@link #delays} counts: one row per stretch of a period's reason history and month it
     * overlaps, whether the period is open under it at the month's end (or now), whether the period began in the month
     * (on its first stretch), and the stretch's seconds inside the month.
     */
    static String delayRows(Query q) {
        String ward = "coalesce(d.ward, p.ward)";
        return """
                select m.idx, d.id, d.pathway_id, %1$s as ward, s.reason, s.attribution,
                       s.responsible_local_authority as authority, d.started_at, d.ended_at,
                       s.started_at as stretch_started_at,
                       case when s.ended_at is null or s.ended_at > m.snap_at then 1 else 0 end as open_now,
                       case when s.started_at = d.started_at and d.started_at >= m.start_at then 1 else 0 end
                           as started,
                       least(extract(epoch from coalesce(s.ended_at, m.snap_at)), extract(epoch from m.snap_at))
                           - greatest(extract(epoch from s.started_at), extract(epoch from m.start_at)) as seconds
                  from %2$s
                  join delay_period_reason s on s.started_at < m.snap_at
                   and (s.ended_at is null or s.ended_at > m.start_at)
                  join delay_period d on d.id = s.delay_period_id
                  join pathway p on p.pathway_id = d.pathway_id
                 where p.home_ics = :ics and s.started_at < :end and (s.ended_at is null or s.ended_at > :start) %3$s"""
                .formatted(ward, q.months(), q.ward(ward));
    }

    /**
     * Out-of-area placements (PATHWAY.md sections 2, 5 and 5b, seeds 003 and 004): episodes active at each month's end,
     * begun in it, and the bed days out of area in it.
     */
    Counts outOfArea(Scope scope) {
        Query q = new Query(scope);
        Counts counts = new Counts();
        q.run("""
                select x.idx, x.ward, sum(x.open_now) as active, sum(x.started) as started, sum(x.seconds) as seconds
                  from (%s) x
                 group by x.idx, x.ward""".formatted(outOfAreaRows(q)), rs -> {
            int month = rs.getInt("idx");
            String ward = rs.getString("ward");
            counts.measure(OPEN, Kind.SNAPSHOT).add(month, ward, rs.getLong("active"));
            counts.measure(STARTED, Kind.FLOW).add(month, ward, rs.getLong("started"));
            counts.measure(BED_DAYS, Kind.FLOW).add(month, ward, rs.getDouble("seconds") / SECONDS_PER_DAY);
        });
        counts.measure(OPEN, Kind.SNAPSHOT);
        counts.measure(STARTED, Kind.FLOW);
        counts.measure(BED_DAYS, Kind.FLOW);
        return counts;
    }

    /** The placements {@link #outOfArea} counts: one row per placement and month it overlaps, as {@link #delayRows}. */
    static String outOfAreaRows(Query q) {
        // the out-of-area ward where the episode began: after a move back into the home ICS the register holds the
        // home ward, where none of the episode's bed days were spent
        String ward = "coalesce(o.ward, p.ward)";
        return """
                select m.idx, o.id, o.pathway_id, %1$s as ward, o.hospital, o.started_at, o.ended_at,
                       case when o.ended_at is null or o.ended_at > m.snap_at then 1 else 0 end as open_now,
                       case when o.started_at >= m.start_at then 1 else 0 end as started,
                       least(extract(epoch from coalesce(o.ended_at, m.snap_at)), extract(epoch from m.snap_at))
                           - greatest(extract(epoch from o.started_at), extract(epoch from m.start_at)) as seconds
                  from %2$s
                  join out_of_area_placement o on o.started_at < m.snap_at
                   and (o.ended_at is null or o.ended_at > m.start_at)
                  join pathway p on p.pathway_id = o.pathway_id
                 where p.home_ics = :ics and o.started_at < :end and (o.ended_at is null or o.ended_at > :start) %3$s"""
                .formatted(ward, q.months(), q.ward(ward));
    }

    /** The measures of the discharge indicators, each a {@link Counts} of its own, counted in one pass. */
    record DischargeCounts(Counts followUp, Counts notice, Counts gpSummary, Counts readmissions) {
    }

    /**
     * The indicators counted over the discharges of each month (PATHWAY.md sections 2 and 5, seed 004):
     * <ul>
     * <li>follow-up within 72 hours, the national definition: discharges from adult acute beds, deaths, discharges to
     * prison or court and transfers to another hospital excluded; met when the follow-up falls within 3 calendar days
     * of the discharge date. Beside it, how many of the same discharges broke the service's 72-hour SLA clock (a
     * {@code follow-up} breach recorded);</li>
     * <li>48 hours' notice: notice given at least 48 hours before the discharge;</li>
     * <li>discharge summary to the GP within 7 (calendar) days of the discharge date;</li>
     * <li>readmission within 30 days: a later pathway of the same person, admitted, referred within 30 days of this
     * discharge (as {@code ReadmissionCheck} flags it).</li>
     * </ul>
     * Deaths count in none but the follow-up's exclusions. A discharge whose outcome cannot be known yet (its 3 days,
     * 7 days or 30 days not over) is pending and left out of the denominator.
     */
    DischargeCounts discharges(Scope scope) {
        Query q = new Query(scope);
        Counts followUp = onTimeCounts();
        Counts notice = onTimeCounts();
        Counts gp = onTimeCounts();
        Counts readmissions = onTimeCounts();
        q.run("""
                select x.idx, x.ward, x.readmitted,
                       sum(x.eligible) as fu_discharges,
                       sum(x.eligible * x.fu_met) as fu_met,
                       sum(x.eligible * x.fu_pending) as fu_pending,
                       sum(x.eligible * x.fu_clock) as fu_clock,
                       sum(x.adult_acute - x.eligible) as fu_excluded,
                       sum(x.alive) as discharges,
                       sum(x.alive * x.notice_met) as notice_met,
                       sum(x.alive * x.notice_missing) as notice_missing,
                       sum(x.alive * x.gp_met) as gp_met,
                       sum(x.alive * x.gp_pending) as gp_pending,
                       sum(x.alive * x.within_30_days) as within_30_days
                  from (%s) x
                 group by x.idx, x.ward, x.readmitted""".formatted(dischargeRows(q, false)), rs -> {
            int month = rs.getInt("idx");
            String ward = rs.getString("ward");
            addOnTime(followUp, month, ward, rs.getLong("fu_discharges"), rs.getLong("fu_met"), rs.getLong("fu_pending"));
            followUp.measure("slaClockBreached", Kind.FLOW).add(month, ward, rs.getLong("fu_clock"));
            followUp.measure("excluded", Kind.FLOW).add(month, ward, rs.getLong("fu_excluded"));
            notice.measure(DUE, Kind.FLOW).add(month, ward, rs.getLong("discharges"));
            notice.measure(MET, Kind.FLOW).add(month, ward, rs.getLong("notice_met"));
            notice.measure("noNoticeRecorded", Kind.FLOW).add(month, ward, rs.getLong("notice_missing"));
            addOnTime(gp, month, ward, rs.getLong("discharges"), rs.getLong("gp_met"), rs.getLong("gp_pending"));
            readmissions.measure(DUE, Kind.FLOW).add(month, ward, rs.getLong("discharges"));
            // grouped by whether readmitted, so that the readmission's subquery runs once a discharge
            if (rs.getInt("readmitted") == 1) {
                readmissions.measure(MET, Kind.FLOW).add(month, ward, rs.getLong("discharges"));
            } else {
                readmissions.measure(PENDING, Kind.FLOW).add(month, ward, rs.getLong("within_30_days"));
            }
        });
        followUp.measure("slaClockBreached", Kind.FLOW);
        followUp.measure("excluded", Kind.FLOW);
        notice.measure("noNoticeRecorded", Kind.FLOW);
        return new DischargeCounts(followUp, notice, gp, readmissions);
    }

    /**
     * The discharges {@link #discharges} counts, one row each, with what decides each indicator; with {@code detail},
     * also when the person was readmitted (the referral of the readmission).
     */
    static String dischargeRows(Query q, boolean detail) {
        String eligible = """
                p.ward_type = 'adult-acute'
                and coalesce(p.discharge_destination, '-') not in ('died', 'prison-or-court', 'other-hospital')
                and p.died_at is null""";
        String alive = "coalesce(p.discharge_destination, '-') <> 'died'";
        String discharged = q.localDay("p.discharged_at");
        String readmission = """
                from pathway r where r.nhs_number = p.nhs_number
                                 and r.pathway_id <> p.pathway_id and r.readmission = true
                                 and r.admitted_at is not null and r.referred_at > p.discharged_at
                                 and extract(epoch from r.referred_at)
                                     - extract(epoch from p.discharged_at) <= %d""".formatted(30 * SECONDS_PER_DAY);
        return """
                select %1$s as idx, p.pathway_id, p.ward, p.ward_type, p.discharged_at, p.discharge_destination,
                       p.died_at, p.follow_up_completed_at, p.discharge_notice_given_at, p.gp_summary_sent_at,
                       case when %2$s then 1 else 0 end as eligible,
                       case when p.ward_type = 'adult-acute' then 1 else 0 end as adult_acute,
                       case when %3$s then 1 else 0 end as alive,
                       case when p.follow_up_completed_at is not null
                             and %4$s - %5$s <= 3 then 1 else 0 end as fu_met,
                       case when p.follow_up_completed_at is null and :today - %5$s <= 3
                            then 1 else 0 end as fu_pending,
                       case when exists (select 1 from sla_breach s where s.pathway_id = p.pathway_id
                                            and s.sla_code = 'follow-up') then 1 else 0 end as fu_clock,
                       case when p.discharge_notice_given_at is not null
                             and extract(epoch from p.discharged_at)
                                 - extract(epoch from p.discharge_notice_given_at) >= %7$d
                            then 1 else 0 end as notice_met,
                       case when p.discharge_notice_given_at is null then 1 else 0 end as notice_missing,
                       case when p.gp_summary_sent_at is not null and %6$s - %5$s <= 7
                            then 1 else 0 end as gp_met,
                       case when p.gp_summary_sent_at is null and :today - %5$s <= 7
                            then 1 else 0 end as gp_pending,
                       case when exists (select 1 %8$s) then 1 else 0 end as readmitted,
                       case when :nowEpoch - extract(epoch from p.discharged_at) < %9$d
                            then 1 else 0 end as within_30_days%10$s
                  from pathway p
                 where p.home_ics = :ics and p.discharged_at >= :start and p.discharged_at < :end %11$s"""
                .formatted(q.month("p.discharged_at"), eligible, alive, q.localDay("p.follow_up_completed_at"),
                        discharged, q.localDay("p.gp_summary_sent_at"), 48 * 3600, readmission, 30 * SECONDS_PER_DAY,
                        detail ? ",\n       (select min(r.referred_at) " + readmission + ") as readmitted_at" : "",
                        q.ward("p.ward"));
    }

    /**
     * Key Stage 1 within 72 hours of admission (PATHWAY.md sections 2 and 5), by month of admission: all of it done
     * (the stamp {@code key_stage_1_completed_at}) within 72 hours on the clock, as the guidance's SLA runs.
     */
    Counts keyStage1(Scope scope) {
        Query q = new Query(scope);
        Counts counts = onTimeCounts();
        q.run("""
                select x.idx, x.ward, count(*) as admissions, sum(x.met) as met, sum(x.pending) as pending
                  from (%s) x
                 group by x.idx, x.ward""".formatted(keyStage1Rows(q)), rs -> {
            int month = rs.getInt("idx");
            String ward = rs.getString("ward");
            addOnTime(counts, month, ward, rs.getLong("admissions"), rs.getLong("met"), rs.getLong("pending"));
        });
        return counts;
    }

    /** The admissions {@link #keyStage1} counts, one row each. */
    static String keyStage1Rows(Query q) {
        long limit = Duration.ofHours(72).toSeconds();
        return """
                select %2$s as idx, p.pathway_id, p.ward, p.admitted_at, p.key_stage_1_completed_at,
                       case when p.key_stage_1_completed_at is not null
                             and extract(epoch from p.key_stage_1_completed_at)
                                 - extract(epoch from p.admitted_at) <= %1$d then 1 else 0 end as met,
                       case when p.key_stage_1_completed_at is null
                             and :nowEpoch - extract(epoch from p.admitted_at) < %1$d
                            then 1 else 0 end as pending
                  from pathway p
                 where p.home_ics = :ics and p.admitted_at >= :start and p.admitted_at < :end %3$s"""
                .formatted(limit, q.month("p.admitted_at"), q.ward("p.ward"));
    }

    /**
     * C(E)TRs or oversight visits (PATHWAY.md sections 2 and 5, seed 004) due in each month: held on time when held by
     * the due date. One not yet held and not yet due is pending.
     */
    Counts reviews(Scope scope, String kind) {
        if (!ScheduledReviews.CETR.equals(kind) && !ScheduledReviews.OVERSIGHT_VISIT.equals(kind)) {
            throw new IllegalArgumentException(kind);
        }
        Query q = new Query(scope);
        Counts counts = onTimeCounts();
        q.run("""
                select x.idx, x.ward, sum(x.due) as due, sum(x.on_time) as on_time, sum(x.pending) as pending
                  from (%s) x
                 group by x.idx, x.ward""".formatted(reviewRows(q, kind)), rs -> {
            int month = rs.getInt("idx");
            String ward = rs.getString("ward");
            addOnTime(counts, month, ward, rs.getLong("due"), rs.getLong("on_time"), rs.getLong("pending"));
        });
        return counts;
    }

    /** The reviews of a kind {@link #reviews} counts, one row each. */
    static String reviewRows(Query q, String kind) {
        q.params.put("kind", kind);
        return """
                select %s as idx, p.pathway_id, p.ward, r.due_at, r.held_at,
                       case when r.held_at is not null or r.due_at <= :now then 1 else 0 end as due,
                       case when r.held_at is not null and r.held_at <= r.due_at then 1 else 0 end as on_time,
                       case when r.held_at is null and r.due_at > :now then 1 else 0 end as pending
                  from scheduled_review r join pathway p on p.pathway_id = r.pathway_id
                 where r.kind = :kind and r.due_at >= :start and r.due_at < :end and p.home_ics = :ics %s"""
                .formatted(q.month("r.due_at"), q.ward("p.ward"));
    }

    /**
     * Deadlines (PATHWAY.md sections 1 and 5): what is running now, due within 24 hours and overdue, by ward, team and
     * escalation level, and the deadlines missed (breaches recorded) in each month. A deadline is an open Tasklist task
     * with a due date (its team: its candidate group), or an escalation ladder's next climb (its team: the group owning
     * the level reached, as {@code levelGroups} names it).
     */
    Counts deadlines(Scope scope, LevelGroups levelGroups) {
        Query q = new Query(scope);
        Counts counts = new Counts();
        q.run("""
                select x.ward, x.team, count(*) as running,
                       sum(case when x.due < :nowTs then 1 else 0 end) as overdue,
                       sum(case when x.due >= :nowTs and x.due < :soonTs then 1 else 0 end) as due_soon
                  from (%s) x
                 group by x.ward, x.team""".formatted(taskDeadlineRows(q)), rs -> {
            String ward = rs.getString("ward");
            String team = rs.getString("team") == null ? NO_TEAM : rs.getString("team");
            deadline(counts, ward, team, null, null, rs);
        });
        for (String ladder : List.of(DELAY_LADDER_LEVEL, HOUSING_LADDER_LEVEL)) {
            q.run("""
                    select x.ward, x.lvl, count(*) as running,
                           sum(case when x.due < :now then 1 else 0 end) as overdue,
                           sum(case when x.due >= :now and x.due < :soon then 1 else 0 end) as due_soon
                      from (%s) x
                     group by x.ward, x.lvl""".formatted(ladderDeadlineRows(q, ladder)),
                    rs -> deadline(counts, rs.getString("ward"), levelGroups.group(ladder, rs.getInt("lvl")), ladder,
                            rs.getInt("lvl"), rs));
        }
        q.run("""
                select x.idx, x.ward, x.team, count(*) as breached
                  from (%s) x
                 group by x.idx, x.ward, x.team""".formatted(breachRows(q, false)), rs -> {
            counts.measure(BREACHED, Kind.FLOW).add(rs.getInt("idx"), rs.getString("ward"), rs.getLong("breached"));
            counts.breakdown(TEAM, rs.getString("team"), BREACHED, Kind.FLOW)
                    .add(rs.getInt("idx"), rs.getString("ward"), rs.getLong("breached"));
        });
        q.run("""
                select x.ward, x.team, count(*) as awaiting
                  from (%s) x
                 group by x.ward, x.team""".formatted(breachRows(q, true)), rs -> {
            counts.measure(AWAITING_RESPONSE, Kind.NOW).add(0, rs.getString("ward"), rs.getLong("awaiting"));
            counts.breakdown(TEAM, rs.getString("team"), AWAITING_RESPONSE, Kind.NOW)
                    .add(0, rs.getString("ward"), rs.getLong("awaiting"));
        });
        for (String measure : List.of(RUNNING, DUE_SOON, OVERDUE, AWAITING_RESPONSE)) {
            counts.measure(measure, Kind.NOW);
        }
        counts.measure(BREACHED, Kind.FLOW);
        return counts;
    }

    /**
     * The deadlines of open Tasklist tasks {@link #deadlines} counts, one row each with its team. From the engine's own
     * tables: due dates are timestamps without zone, written and read in the JVM's zone ({@code :nowTs},
     * {@code :soonTs}). Each task's pathway is its process instance's business key, looked up by the instance's id:
     * joined on the business key instead, PostgreSQL read the executions of every pathway in business-key order, 375
     * ms against 206 ms for QT1's 15,329 deadlines at 18,000 live pathways (docs/performance.md).
     */
    static String taskDeadlineRows(Query q) {
        Instant now = q.scope.period().now();
        q.params.put("nowTs", Timestamp.from(now));
        q.params.put("soonTs", Timestamp.from(now.plus(Duration.ofHours(24))));
        q.params.put("notDeadlines", NOT_DEADLINES);
        return """
                select p.pathway_id, p.ward as ward, t.DUE_DATE_ as due, t.NAME_ as task_name,
                       (select min(l.GROUP_ID_) from ACT_RU_IDENTITYLINK l
                         where l.TASK_ID_ = t.ID_ and l.TYPE_ = 'candidate') as team
                  from ACT_RU_TASK t
                  join pathway p on p.pathway_id = (select e.BUSINESS_KEY_ from ACT_RU_EXECUTION e
                                                     where e.ID_ = t.PROC_INST_ID_)
                 where t.TENANT_ID_ = :ics and p.home_ics = :ics and t.DUE_DATE_ is not null
                   and t.TASK_DEF_KEY_ not in (:notDeadlines) %s""".formatted(q.ward("p.ward"));
    }

    /** The next climbs of an escalation ladder (delayed discharge or housing) {@link #deadlines} counts, one row each. */
    static String ladderDeadlineRows(Query q, String ladder) {
        q.params.put("soon", JdbcTimes.utc(q.scope.period().now().plus(Duration.ofHours(24))));
        if (DELAY_LADDER_LEVEL.equals(ladder)) {
            return """
                    select d.pathway_id, coalesce(d.ward, p.ward) as ward, d.escalation_level as lvl,
                           d.escalation_level_name as level_name, d.next_escalation_due as due
                      from delay_period d join pathway p on p.pathway_id = d.pathway_id
                     where d.ended_at is null and d.next_escalation_due is not null and p.closed_at is null
                       and p.home_ics = :ics %s""".formatted(q.ward("coalesce(d.ward, p.ward)"));
        }
        if (HOUSING_LADDER_LEVEL.equals(ladder)) {
            return """
                    select h.pathway_id, p.ward, h.escalation_level as lvl, h.escalation_level_name as level_name,
                           h.next_escalation_due as due
                      from housing_case h join pathway p on p.pathway_id = h.pathway_id
                     where h.secured_at is null and h.next_escalation_due is not null and p.closed_at is null
                       and p.home_ics = :ics %s""".formatted(q.ward("p.ward"));
        }
        throw new IllegalArgumentException(ladder);
    }

    /** Missed deadlines, one row each: those recorded in the period, or ({@code awaiting}) those not yet answered. */
    static String breachRows(Query q, boolean awaiting) {
        return """
                select %s as idx, s.id, p.pathway_id, p.ward, s.responsible_group as team, s.sla_name, s.due_at,
                       s.breached_at, s.responded_at
                  from sla_breach s join pathway p on p.pathway_id = s.pathway_id
                 where %s and p.home_ics = :ics %s"""
                .formatted(awaiting ? "0" : q.month("s.breached_at"),
                        awaiting ? "s.responded_at is null" : "s.breached_at >= :start and s.breached_at < :end",
                        q.ward("p.ward"));
    }

    /** The group that owns a level of an escalation ladder of the ICS. */
    interface LevelGroups {
        String group(String ladder, int level);
    }

    private static void deadline(Counts counts, String ward, String team, String ladder, Integer level, ResultSet rs)
            throws SQLException {
        long running = rs.getLong("running");
        long overdue = rs.getLong("overdue");
        long soon = rs.getLong("due_soon");
        counts.measure(RUNNING, Kind.NOW).add(0, ward, running);
        counts.measure(OVERDUE, Kind.NOW).add(0, ward, overdue);
        counts.measure(DUE_SOON, Kind.NOW).add(0, ward, soon);
        counts.breakdown(TEAM, team, RUNNING, Kind.NOW).add(0, ward, running);
        counts.breakdown(TEAM, team, OVERDUE, Kind.NOW).add(0, ward, overdue);
        counts.breakdown(TEAM, team, DUE_SOON, Kind.NOW).add(0, ward, soon);
        if (ladder != null) {
            counts.breakdown(ladder, String.valueOf(level), RUNNING, Kind.NOW).add(0, ward, running);
            counts.breakdown(ladder, String.valueOf(level), OVERDUE, Kind.NOW).add(0, ward, overdue);
            counts.breakdown(ladder, String.valueOf(level), DUE_SOON, Kind.NOW).add(0, ward, soon);
        }
    }

    @FunctionalInterface
    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * The rows of one row source of a scope (the same SQL its indicator counts), filtered on their columns
     * ({@code x.<column>}) by {@code where}: the patients behind a figure.
     */
    void rows(Scope scope, java.util.function.Function<Query, String> source, String where, Map<String, Object> params,
              Row row) {
        Query q = new Query(scope);
        String sql = source.apply(q);
        q.params.putAll(params);
        q.run("select * from (" + sql + ") x" + (where == null ? "" : " where " + where), row);
    }

    /** The parameters one query of a scope binds, and the tables of its months and days. */
    final class Query {

        private final Scope scope;
        private final Map<String, Object> params = new HashMap<>();

        Query(Scope scope) {
            this.scope = scope;
            IndicatorPeriod period = scope.period();
            params.put("ics", scope.ics());
            params.put("start", JdbcTimes.utc(period.start()));
            params.put("end", JdbcTimes.utc(period.end()));
            params.put("now", JdbcTimes.utc(period.now()));
            params.put("nowEpoch", period.now().getEpochSecond());
            params.put("today", period.now().atZone(period.zone()).toLocalDate().toEpochDay());
            if (scope.ward() != null) {
                params.put("ward", scope.ward());
            }
        }

        /** {@code and <column> = :ward} when one ward is asked for. */
        String ward(String column) {
            return scope.ward() == null ? "" : "and " + column + " = :ward";
        }

        /**
         * The months as a table {@code m(idx, start_at, end_at, snap_at, adult_long_before, older_long_before)}: the
         * month's first instant, the first after it, the moment of its figures "now", and the admissions before which
         * a stay is long at that moment (60 days, 90 for older adults, on the policy's calendar).
         */
        String months() {
            StringBuilder values = new StringBuilder("(values ");
            for (Month m : scope.period().months()) {
                String p = "m" + m.index();
                if (m.index() > 0) {
                    values.append(", ");
                }
                values.append("(").append(m.index()).append(", ").append(time(p + "s")).append(", ")
                        .append(time(p + "e")).append(", ").append(time(p + "n")).append(", ").append(time(p + "a"))
                        .append(", ").append(time(p + "o")).append(")");
                var zone = scope.period().zone();
                params.put(p + "s", JdbcTimes.utc(m.start()));
                params.put(p + "e", JdbcTimes.utc(m.end()));
                params.put(p + "n", JdbcTimes.utc(m.snapshot()));
                params.put(p + "a", JdbcTimes.utc(m.snapshot().atZone(zone).minusDays(60).toInstant()));
                params.put(p + "o", JdbcTimes.utc(m.snapshot().atZone(zone).minusDays(90).toInstant()));
            }
            return values.append(") as m(idx, start_at, end_at, snap_at, adult_long_before, older_long_before)")
                    .toString();
        }

        /**
         * The month of the period a time falls in, as its index: {@code case when t < <second month> then 0 ...}. For
         * a time within the period; counting what happened in each month needs no join.
         */
        String month(String column) {
            List<Month> months = scope.period().months();
            if (months.size() == 1) {
                return "0";
            }
            StringBuilder sql = new StringBuilder("case");
            for (int i = 1; i < months.size(); i++) {
                params.put("mb" + i, JdbcTimes.utc(months.get(i).start()));
                sql.append(" when ").append(column).append(" < :mb").append(i).append(" then ").append(i - 1);
            }
            return sql.append(" else ").append(months.size() - 1).append(" end").toString();
        }

        /**
         * The calendar day (days since 1970-01-01 on the policy's calendar) of a time: its epoch seconds plus the
         * zone's offset at that time, in whole days. The offsets are the zone's own for the period and a while after
         * it (British Summer Time: +1 hour), as {@code case when t < <transition> then <offset> ...}, so the
         * arithmetic is the same on PostgreSQL and H2.
         */
        String localDay(String column) {
            return "floor((extract(epoch from " + column + ") + " + offsets(column) + ") / " + SECONDS_PER_DAY + ")";
        }

        private String offsets(String column) {
            ZoneRules rules = scope.period().zone().getRules();
            Instant from = scope.period().start().minus(Duration.ofDays(1));
            Instant until = scope.period().now().plus(Duration.ofDays(1));
            StringBuilder sql = new StringBuilder();
            int transitions = 0;
            for (ZoneOffsetTransition t = rules.nextTransition(from); t != null && t.getInstant().isBefore(until);
                 t = rules.nextTransition(t.getInstant())) {
                String name = "zt" + transitions++;
                params.put(name, JdbcTimes.utc(t.getInstant()));
                sql.append(" when ").append(column).append(" < :").append(name).append(" then ")
                        .append(t.getOffsetBefore().getTotalSeconds());
            }
            int last = rules.getOffset(until).getTotalSeconds();
            return transitions == 0 ? String.valueOf(last) : "(case" + sql + " else " + last + " end)";
        }

        private static String time(String param) {
            return "cast(:" + param + " as timestamp with time zone)";
        }

        void run(String sql, Row row) {
            jdbc.sql(sql).params(params).query((RowCallbackHandler) row::read);
        }
    }

    /** Counts of a deadline kept or not: due, met and pending, there even when no row adds to them. */
    private static Counts onTimeCounts() {
        Counts counts = new Counts();
        counts.measure(DUE, Kind.FLOW);
        counts.measure(MET, Kind.FLOW);
        counts.measure(PENDING, Kind.FLOW);
        return counts;
    }

    private static void addOnTime(Counts counts, int month, String ward, long due, long met, long pending) {
        counts.measure(DUE, Kind.FLOW).add(month, ward, due);
        counts.measure(MET, Kind.FLOW).add(month, ward, met);
        counts.measure(PENDING, Kind.FLOW).add(month, ward, pending);
    }
}
