package org.mhpathway.delay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhpathway.security.EscalationHistory;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The periods a clinically ready person could not leave hospital (PATHWAY.md section 3), kept after the pathway
 * closes. At most one period of a pathway is open: the one the escalation ladder climbs. Each period keeps the history
 * of its reason, attribution and local authority ({@code delay_period_reason}).
 */
@Repository
public class DelayPeriodRecords implements EscalationHistory {

    private final JdbcClient jdbc;

    public DelayPeriodRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A delayed discharge, open or resolved. */
    @Override
    public boolean escalated(String pathwayId) {
        return jdbc.sql("select count(*) from delay_period where pathway_id = ?").param(pathwayId).query(Integer.class)
                .single() > 0;
    }

    /**
     * Opens a period at level 1 of the ladder, its account of the delay the first stretch of its reason history; a
     * period still open (a retried step) is left as it is. {@link #periodStart} says when it starts.
     */
    public void begin(String pathwayId, String ward, DelayFacts facts, Instant readyAt, Instant now, String levelName,
                      Instant nextEscalationDue, String recordedBy) {
        if (openId(pathwayId).isPresent()) {
            return;
        }
        Instant startedAt = periodStart(readyAt, now, lastEnded(pathwayId));
        jdbc.sql("""
                insert into delay_period (pathway_id, ward, reason, attribution, responsible_local_authority, started_at,
                    escalation_level, escalation_level_name, next_escalation_due)
                values (?, ?, ?, ?, ?, ?, 1, ?, ?)""")
                .params(pathwayId, ward, facts.reason(), facts.attribution(), facts.responsibleLocalAuthority(),
                        JdbcTimes.utc(startedAt), levelName, JdbcTimes.utc(nextEscalationDue))
                .update();
        long periodId = openId(pathwayId).orElseThrow();
        startStretch(periodId, facts, startedAt, recordedBy);
    }

    /**
     * A review's account of the delay: a reason, attribution or local authority it leaves empty stays as it was. A
     * changed account becomes the open period's, and its history keeps the one before it: the stretch under the old
     * account ends at {@code at} and one under the new account starts (issue 13: a change of reason is kept, not
     * overwritten, so bed days lost count under the reason in force on each day). An account the review leaves as it
     * was changes nothing.
     */
    public void revise(String pathwayId, DelayFacts stated, Instant at, String recordedBy) {
        Optional<DelayPeriod> found = open(pathwayId);
        if (found.isEmpty()) {
            return;
        }
        DelayPeriod open = found.get();
        DelayFacts facts = new DelayFacts(
                stated.reason() != null ? stated.reason() : open.reason(),
                stated.attribution() != null ? stated.attribution() : open.attribution(),
                stated.responsibleLocalAuthority() != null ? stated.responsibleLocalAuthority()
                        : open.responsibleLocalAuthority());
        if (facts.equals(new DelayFacts(open.reason(), open.attribution(), open.responsibleLocalAuthority()))) {
            return;
        }
        jdbc.sql("""
                update delay_period set reason = ?, attribution = ?, responsible_local_authority = ? where id = ?""")
                .params(facts.reason(), facts.attribution(), facts.responsibleLocalAuthority(), open.id()).update();
        // a stretch that has not begun yet (a second account given the moment the first was) is replaced, not kept
        int replaced = jdbc.sql("""
                update delay_period_reason set reason = ?, attribution = ?, responsible_local_authority = ?,
                    recorded_by = ?
                where delay_period_id = ? and ended_at is null and started_at >= ?""")
                .params(facts.reason(), facts.attribution(), facts.responsibleLocalAuthority(), recordedBy, open.id(),
                        JdbcTimes.utc(at)).update();
        if (replaced == 0) {
            endStretch(open.id(), at);
            startStretch(open.id(), facts, at, recordedBy);
        }
    }

    public void escalated(String pathwayId, int level, String levelName, Instant nextEscalationDue) {
        jdbc.sql("""
                update delay_period set escalation_level = ?, escalation_level_name = ?, next_escalation_due = ?
                where pathway_id = ? and ended_at is null""")
                .params(level, levelName, JdbcTimes.utc(nextEscalationDue), pathwayId).update();
    }

    /** Who resolved the open period and how ({@code support-in-place} or {@code no-longer-clinically-ready}). */
    public void resolved(String pathwayId, String userId, String outcome) {
        jdbc.sql("update delay_period set resolved_by = ?, ended_reason = ? where pathway_id = ? and ended_at is null")
                .params(userId, outcome, pathwayId).update();
    }

    /**
     * Closes the open period, and the last stretch of its reason history with it; the ladder stops. A period closed
     * without being resolved (the pathway withdrawn) keeps no ended reason.
     */
    public void end(String pathwayId, Instant endedAt) {
        openId(pathwayId).ifPresent(periodId -> endStretch(periodId, endedAt));
        jdbc.sql("""
                update delay_period set ended_at = ?, next_escalation_due = null
                where pathway_id = ? and ended_at is null""")
                .params(JdbcTimes.utc(endedAt), pathwayId).update();
    }

    private Optional<Long> openId(String pathwayId) {
        return jdbc.sql("select id from delay_period where pathway_id = ? and ended_at is null")
                .param(pathwayId).query(Long.class).optional();
    }

    private void startStretch(long periodId, DelayFacts facts, Instant startedAt, String recordedBy) {
        jdbc.sql("""
                insert into delay_period_reason (delay_period_id, reason, attribution, responsible_local_authority,
                    started_at, recorded_by)
                values (?, ?, ?, ?, ?, ?)""")
                .params(periodId, facts.reason(), facts.attribution(), facts.responsibleLocalAuthority(),
                        JdbcTimes.utc(startedAt), recordedBy).update();
    }

    private void endStretch(long periodId, Instant endedAt) {
        jdbc.sql("update delay_period_reason set ended_at = ? where delay_period_id = ? and ended_at is null")
                .params(JdbcTimes.utc(endedAt), periodId).update();
    }

    public Optional<DelayPeriod> open(String pathwayId) {
        return jdbc.sql("select * from delay_period where pathway_id = ? and ended_at is null")
                .param(pathwayId).query(DelayPeriodRecords::map).optional()
                .map(period -> withReasonHistory(List.of(period)).get(0));
    }

    /**
     * When a delay period starts: when the person became clinically ready for discharge ({@code readyAt}), not when the
     * hub found the support missing (issue 13; PATHWAY.md section 5: bed days lost count from CRFD). Never after
     * {@code now} (a readiness recorded ahead, or none), nor before the pathway's previous period ended
     * ({@code lastEnded}), so that no bed day is counted twice.
     */
    static Instant periodStart(Instant readyAt, Instant now, Instant lastEnded) {
        Instant started = readyAt == null || readyAt.isAfter(now) ? now : readyAt;
        return lastEnded != null && started.isBefore(lastEnded) ? lastEnded : started;
    }

    /** When the pathway's latest ended period ended, or null. */
    Instant lastEnded(String pathwayId) {
        return jdbc.sql("select max(ended_at) as last_ended from delay_period where pathway_id = ?")
                .param(pathwayId).query((rs, row) -> java.util.Optional.ofNullable(JdbcTimes.instant(rs, "last_ended")))
                .list().stream().flatMap(Optional::stream).findFirst().orElse(null);
    }

    public List<DelayPeriod> forPathway(String pathwayId) {
        return withReasonHistory(jdbc.sql("select * from delay_period where pathway_id = ? order by started_at, id")
                .param(pathwayId).query(DelayPeriodRecords::map).list());
    }

    /** The pathway's periods without their reason history: enough to count the days of delay. */
    public List<DelayPeriod> spansOf(String pathwayId) {
        return jdbc.sql("select * from delay_period where pathway_id = ? order by started_at, id")
                .param(pathwayId).query(DelayPeriodRecords::map).list();
    }

    /** The periods, each with its reason history, read in one query. */
    public List<DelayPeriod> withReasonHistory(List<DelayPeriod> periods) {
        if (periods.isEmpty()) {
            return periods;
        }
        Map<Long, List<DelayReason>> history = new HashMap<>();
        jdbc.sql("""
                select * from delay_period_reason where delay_period_id in (:ids) order by delay_period_id, started_at, id""")
                .param("ids", periods.stream().map(DelayPeriod::id).toList())
                .query((RowCallbackHandler) rs -> history.computeIfAbsent(rs.getLong("delay_period_id"),
                        id -> new ArrayList<>()).add(new DelayReason(rs.getString("reason"), rs.getString("attribution"),
                        rs.getString("responsible_local_authority"), JdbcTimes.instant(rs, "started_at"),
                        JdbcTimes.instant(rs, "ended_at"), rs.getString("recorded_by"))));
        return periods.stream().map(p -> p.withReasonHistory(history.getOrDefault(p.id(), List.of()))).toList();
    }

    /** The reason, attribution and responsible local authority of a delay, as the forms record them. */
    public record DelayFacts(String reason, String attribution, String responsibleLocalAuthority) {
    }

    /**
     * One delay period. Its reason, attribution and local authority are the current ones; {@code reasonHistory} holds
     * every account the period has had, oldest first, each with when it held.
     */
    public record DelayPeriod(long id, String pathwayId, String ward, String reason, String attribution,
                              String responsibleLocalAuthority, Instant startedAt, Instant endedAt, String endedReason,
                              String resolvedBy, int escalationLevel, String escalationLevelName,
                              Instant nextEscalationDue, List<DelayReason> reasonHistory) {

        DelayPeriod withReasonHistory(List<DelayReason> history) {
            return new DelayPeriod(id, pathwayId, ward, reason, attribution, responsibleLocalAuthority, startedAt,
                    endedAt, endedReason, resolvedBy, escalationLevel, escalationLevelName, nextEscalationDue,
                    List.copyOf(history));
        }
    }

    /**
     * One stretch of a delay period under one account of the delay: from {@code startedAt} until {@code endedAt}
     * (null while it holds), and who gave it (null when not known).
     */
    public record DelayReason(String reason, String attribution, String responsibleLocalAuthority, Instant startedAt,
                              Instant endedAt, String recordedBy) {
    }

    static DelayPeriod map(ResultSet rs, int row) throws SQLException {
        return new DelayPeriod(rs.getLong("id"), rs.getString("pathway_id"), rs.getString("ward"),
                rs.getString("reason"), rs.getString("attribution"), rs.getString("responsible_local_authority"),
                JdbcTimes.instant(rs, "started_at"), JdbcTimes.instant(rs, "ended_at"), rs.getString("ended_reason"),
                rs.getString("resolved_by"), rs.getInt("escalation_level"), rs.getString("escalation_level_name"),
                JdbcTimes.instant(rs, "next_escalation_due"), List.of());
    }
}
