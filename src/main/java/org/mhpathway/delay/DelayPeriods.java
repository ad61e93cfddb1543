package org.mhpathway.delay;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The periods a clinically ready person could not leave hospital (PATHWAY.md section 3), kept after the pathway
 * closes. At most one period of a pathway is open: the one the escalation ladder climbs.
 */
@Repository("delayPeriodRecords")
public class DelayPeriods {

    private final JdbcClient jdbc;

    public DelayPeriods(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens a period at level 1 of the ladder; a period still open (a retried step) is left as it is. */
    public void begin(String pathwayId, String ward, DelayFacts facts, Instant startedAt, String levelName,
                      Instant nextEscalationDue) {
        if (open(pathwayId).isPresent()) {
            return;
        }
        jdbc.sql("""
                insert into delay_period (pathway_id, ward, reason, attribution, responsible_local_authority, started_at,
                    escalation_level, escalation_level_name, next_escalation_due)
                values (?, ?, ?, ?, ?, ?, 1, ?, ?)""")
                .params(pathwayId, ward, facts.reason(), facts.attribution(), facts.responsibleLocalAuthority(),
                        JdbcTimes.utc(startedAt), levelName, JdbcTimes.utc(nextEscalationDue))
                .update();
    }

    /** A review's account of the delay replaces the open period's reason, attribution and local authority. */
    public void revise(String pathwayId, DelayFacts facts) {
        jdbc.sql("""
                update delay_period set reason = coalesce(?, reason), attribution = coalesce(?, attribution),
                    responsible_local_authority = coalesce(?, responsible_local_authority)
                where pathway_id = ? and ended_at is null""")
                .params(facts.reason(), facts.attribution(), facts.responsibleLocalAuthority(), pathwayId).update();
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
     * Closes the open period; the ladder stops with it. A period closed without being resolved (the pathway
     * withdrawn) keeps no ended reason.
     */
    public void end(String pathwayId, Instant endedAt) {
        jdbc.sql("""
                update delay_period set ended_at = ?, next_escalation_due = null
                where pathway_id = ? and ended_at is null""")
                .params(JdbcTimes.utc(endedAt), pathwayId).update();
    }

    public Optional<DelayPeriod> open(String pathwayId) {
        return jdbc.sql("select * from delay_period where pathway_id = ? and ended_at is null")
                .param(pathwayId).query(DelayPeriods::map).optional();
    }

    /** When the pathway's latest ended period ended, or null. */
    public Instant lastEnded(String pathwayId) {
        return jdbc.sql("select max(ended_at) as last_ended from delay_period where pathway_id = ?")
                .param(pathwayId).query((rs, row) -> java.util.Optional.ofNullable(JdbcTimes.instant(rs, "last_ended")))
                .list().stream().flatMap(Optional::stream).findFirst().orElse(null);
    }

    public List<DelayPeriod> forPathway(String pathwayId) {
        return jdbc.sql("select * from delay_period where pathway_id = ? order by started_at, id")
                .param(pathwayId).query(DelayPeriods::map).list();
    }

    /** The reason, attribution and responsible local authority of a delay, as the forms record them. */
    public record DelayFacts(String reason, String attribution, String responsibleLocalAuthority) {
    }

    /** One delay period. */
    public record DelayPeriod(long id, String pathwayId, String ward, String reason, String attribution,
                              String responsibleLocalAuthority, Instant startedAt, Instant endedAt, String endedReason,
                              String resolvedBy, int escalationLevel, String escalationLevelName,
                              Instant nextEscalationDue) {
    }

    static DelayPeriod map(ResultSet rs, int row) throws SQLException {
        return new DelayPeriod(rs.getLong("id"), rs.getString("pathway_id"), rs.getString("ward"),
                rs.getString("reason"), rs.getString("attribution"), rs.getString("responsible_local_authority"),
                JdbcTimes.instant(rs, "started_at"), JdbcTimes.instant(rs, "ended_at"), rs.getString("ended_reason"),
                rs.getString("resolved_by"), rs.getInt("escalation_level"), rs.getString("escalation_level_name"),
                JdbcTimes.instant(rs, "next_escalation_due"));
    }
}
