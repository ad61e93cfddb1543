package org.mhpathway.delay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mhpathway.system.NotPermittedException;
import org.mhpathway.delay.DelayPeriodRecords.DelayPeriod;
import org.mhpathway.discharge.ActionsOwed;
import org.mhpathway.discharge.ActionsOwed.ActionOwed;
import org.mhpathway.sla.EscalationLadders;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The discharge hub's view of delayed discharges (PATHWAY.md section 3): every open delay with where it stands on
 * the escalation ladder, and Derby and Derbyshire's standard (no CRFD patient in long-stay rehabilitation
 * without a clear discharge plan).
 */
@Service
public class DelayedDischargeQuery {

    /** The delay reasons the forms record. */
    public static final Set<String> REASONS = Set.of("housing", "social-care", "placement", "funding",
            "home-adaptations", "other-nhs-service", "family-or-carer", "legal");

    private final JdbcClient jdbc;
    private final DelayPeriodRecords periods;
    private final SlaPolicy policy;
    private final EscalationLadders ladders;
    private final ActionsOwed actionsOwed;

    public DelayedDischargeQuery(JdbcClient jdbc, DelayPeriodRecords periods, SlaPolicy policy, EscalationLadders ladders,
                                 ActionsOwed actionsOwed) {
        this.jdbc = jdbc;
        this.periods = periods;
        this.policy = policy;
        this.ladders = ladders;
        this.actionsOwed = actionsOwed;
    }

    /** Every open delay of a pathway still open, longest first; each filter is optional. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<DelayedDischarge> open(String ics, String ward, String reason, String level, Set<String> visibleIcs) {
        List<FieldProblem> problems = new ArrayList<>();
        if (ics != null && !policy.servesIcs(ics)) {
            problems.add(new FieldProblem("ics", "must be one of " + policy.icsCodes()));
        }
        if (ward != null && ward.isBlank()) {
            problems.add(new FieldProblem("ward", "must not be blank"));
        }
        if (reason != null && !REASONS.contains(reason)) {
            problems.add(new FieldProblem("reason", "must be one of " + new java.util.TreeSet<>(REASONS)));
        }
        Integer levelNumber = null;
        if (level != null) {
            try {
                levelNumber = Integer.valueOf(level);
            } catch (NumberFormatException e) {
                levelNumber = 0;
            }
            if (levelNumber < 1) {
                problems.add(new FieldProblem("level", "must be a whole number from 1"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid filter", problems);
        }
        onlyVisible(ics, visibleIcs);
        if (visibleIcs.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("""
                select d.*, p.home_ics, p.ward_type from delay_period d join pathway p on p.pathway_id = d.pathway_id
                where d.ended_at is null and p.closed_at is null and p.home_ics in (:visible)""");
        Map<String, Object> params = new HashMap<>();
        params.put("visible", visibleIcs);
        if (ics != null) {
            sql.append(" and p.home_ics = :ics");
            params.put("ics", ics);
        }
        if (ward != null) {
            sql.append(" and d.ward = :ward");
            params.put("ward", ward);
        }
        if (reason != null) {
            sql.append(" and d.reason = :reason");
            params.put("reason", reason);
        }
        if (levelNumber != null) {
            sql.append(" and d.escalation_level = :level");
            params.put("level", levelNumber);
        }
        sql.append(" order by d.started_at, d.id");
        Instant now = EngineClock.now();
        Map<String, List<ActionOwed>> owed = actionsOwed.ofOpenPathways(ics == null ? visibleIcs : Set.of(ics));
        List<Object[]> rows = jdbc.sql(sql.toString()).params(params).query((rs, row) -> new Object[] {
                DelayPeriodRecords.map(rs, row), rs.getString("home_ics"), rs.getString("ward_type")}).list();
        List<DelayPeriod> withHistory = periods.withReasonHistory(rows.stream().map(r -> (DelayPeriod) r[0]).toList());
        List<DelayedDischarge> list = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            DelayPeriod d = withHistory.get(i);
            String homeIcs = (String) rows.get(i)[1];
            list.add(new DelayedDischarge(d.pathwayId(), homeIcs, (String) rows.get(i)[2], d.ward(),
                    d.reason(), d.attribution(), d.responsibleLocalAuthority(), d.startedAt(), days(d, now),
                    delayedDays(periods.spansOf(d.pathwayId()), now), d.escalationLevel(),
                    d.escalationLevelName(), d.nextEscalationDue(),
                    d.nextEscalationDue() == null ? null : nextLevelName(EscalationLadders.DELAYED_DISCHARGE,
                            homeIcs, d.escalationLevel(), ladders),
                    d.reasonHistory(), owed.getOrDefault(d.pathwayId(), List.of())));
        }
        return list;
    }

    /**
     * Derby and Derbyshire's standard (PATHWAY.md section 3): every person in a rehabilitation ward who is clinically
     * ready for discharge, still in hospital, and has no clear discharge plan. Clinically ready: CRFD confirmed and
     * not since ended by a delay closed as no longer clinically ready. No clear plan: no discharge plan recorded by
     * the refine-discharge-plan step and no estimated discharge date after today.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<WithoutDischargePlan> rehabilitationWithoutDischargePlan(String ics, Set<String> visibleIcs) {
        if (ics != null && !policy.servesIcs(ics)) {
            throw new InvalidRequestException("Invalid filter",
                    List.of(new FieldProblem("ics", "must be one of " + policy.icsCodes())));
        }
        onlyVisible(ics, visibleIcs);
        if (visibleIcs.isEmpty()) {
            return List.of();
        }
        LocalDate today = EngineClock.now().atZone(policy.zone()).toLocalDate();
        Instant now = EngineClock.now();
        return jdbc.sql("""
                select p.pathway_id, p.home_ics, p.crfd_at, p.estimated_discharge_date from pathway p
                where p.ward_type = 'rehabilitation' and p.crfd_at is not null and p.discharged_at is null
                  and p.closed_at is null and p.discharge_plan_recorded_at is null
                  and (p.estimated_discharge_date is null or p.estimated_discharge_date <= :today)
                  and p.home_ics = coalesce(:ics, p.home_ics) and p.home_ics in (:visible)
                  and not exists (select 1 from delay_period d where d.pathway_id = p.pathway_id
                                  and d.ended_reason = 'no-longer-clinically-ready' and d.ended_at >= p.crfd_at)
                order by p.crfd_at, p.pathway_id""")
                .param("today", today).param("ics", ics, java.sql.Types.VARCHAR).param("visible", visibleIcs)
                .query((rs, row) -> new WithoutDischargePlan(rs.getString("pathway_id"), rs.getString("home_ics"),
                        JdbcTimes.instant(rs, "crfd_at"), rs.getObject("estimated_discharge_date", LocalDate.class),
                        delayedDays(periods.spansOf(rs.getString("pathway_id")), now)))
                .list();
    }

    /** A filter on another ICS than the caller's is refused, not answered with an empty list. */
    private static void onlyVisible(String ics, Set<String> visibleIcs) {
        if (ics != null && !visibleIcs.contains(ics)) {
            throw new NotPermittedException("You see the delayed discharges of " + new java.util.TreeSet<>(visibleIcs)
                    + " only.", "ics", "is not an ICS you work in");
        }
    }

    /** The name of the level a ladder climbs to next from {@code level}, or null at its top. */
    public static String nextLevelName(String ladder, String ics, int level, EscalationLadders ladders) {
        List<org.mhpathway.sla.PolicyProperties.Level> levels = ladders.levels(ladder, ics);
        return level >= 1 && level < levels.size() ? levels.get(level).name() : null;
    }

    /** Whole days this period has lasted (to now while open). */
    public static long days(DelayPeriod period, Instant now) {
        return Duration.between(period.startedAt(), period.endedAt() == null ? now : period.endedAt()).toDays();
    }

    /** Whole days of delay across every period of the stay. */
    public static long delayedDays(List<DelayPeriod> periods, Instant now) {
        Duration total = Duration.ZERO;
        for (DelayPeriod p : periods) {
            total = total.plus(Duration.between(p.startedAt(), p.endedAt() == null ? now : p.endedAt()));
        }
        return total.toDays();
    }

    /**
     * One open delay, as the discharge hub sees it: its reason, attribution and local authority now, and every account
     * of the delay the period has had ({@code reasonHistory}, oldest first); where it stands on the ladder, the level
     * it climbs to next and when; and the actions partners owe on the pathway.
     */
    public record DelayedDischarge(String pathwayId, String homeIcs, String wardType, String ward, String reason,
                                   String attribution, String responsibleLocalAuthority, Instant delayedSince,
                                   long daysDelayed, long delayedDaysThisStay, int escalationLevel,
                                   String escalationLevelName, Instant nextEscalationDue,
                                   String nextEscalationLevelName, List<DelayPeriodRecords.DelayReason> reasonHistory,
                                   List<ActionOwed> actionsOwed) {
    }

    /** A CRFD person in rehabilitation without a clear discharge plan. */
    public record WithoutDischargePlan(String pathwayId, String homeIcs, Instant crfdAt,
                                       LocalDate estimatedDischargeDate, long delayedDaysThisStay) {
    }
}
