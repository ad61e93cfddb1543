package org.mhpathway.pathway;

import java.time.Instant;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Out-of-area placements as episodes (PATHWAY.md sections 2 and 5b): one starts when the bed allocated is outside the
 * home ICS, or when a move during the stay takes the person there ({@link WardTransfers}), and ends at repatriation
 * (a move back into the home ICS), at discharge, or when the pathway closes. At most one of a pathway is open; it
 * keeps the ward and hospital where it began.
 * Counted by {@code GET /api/indicators} ({@code outOfAreaPlacements}).
 */
@Repository
public class OutOfAreaPlacements {

    public static final String REPATRIATED = "repatriated";
    public static final String DISCHARGED = "discharged";
    public static final String PATHWAY_CLOSED = "pathway-closed";

    private final JdbcClient jdbc;

    public OutOfAreaPlacements(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens an episode; one still open (a retried step) is left as it is. */
    public void start(String pathwayId, String ward, String hospital, Instant startedAt) {
        if (jdbc.sql("select count(*) from out_of_area_placement where pathway_id = ? and ended_at is null")
                .param(pathwayId).query(Long.class).single() > 0) {
            return;
        }
        jdbc.sql("""
                insert into out_of_area_placement (pathway_id, ward, hospital, started_at) values (?, ?, ?, ?)""")
                .params(pathwayId, ward, hospital, JdbcTimes.utc(startedAt)).update();
    }

    /** Ends the open episode, if any, at {@code endedAt} (never before it started). */
    public void end(String pathwayId, Instant endedAt, String reason) {
        jdbc.sql("""
                update out_of_area_placement
                   set ended_at = case when started_at > :at then started_at else :at end, ended_reason = :reason
                 where pathway_id = :id and ended_at is null""")
                .param("at", JdbcTimes.utc(endedAt)).param("reason", reason).param("id", pathwayId).update();
    }
}
