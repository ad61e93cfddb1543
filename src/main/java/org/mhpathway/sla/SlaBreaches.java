package org.mhpathway.sla;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every missed deadline, kept after the pathway closes so managers can count them (PATHWAY.md section 5). */
@Repository
public class SlaBreaches {

    private final JdbcClient jdbc;

    public SlaBreaches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a breach once: a retried or repeated timer for the same deadline finds the first record. */
    public long record(String pathwayId, Sla sla, Instant dueAt, Instant breachedAt) {
        List<Long> existing = jdbc.sql("select id from sla_breach where pathway_id = ? and sla_code = ? and due_at = ?")
                .params(pathwayId, sla.code(), JdbcTimes.utc(dueAt)).query(Long.class).list();
        if (!existing.isEmpty()) {
            return existing.get(0);
        }
        jdbc.sql("""
                insert into sla_breach (pathway_id, sla_code, sla_name, responsible_group, due_at, breached_at)
                values (?, ?, ?, ?, ?, ?)""")
                .params(pathwayId, sla.code(), sla.name(), sla.responsibleGroup(), JdbcTimes.utc(dueAt), JdbcTimes.utc(breachedAt))
                .update();
        return jdbc.sql("select id from sla_breach where pathway_id = ? and sla_code = ? and due_at = ?")
                .params(pathwayId, sla.code(), JdbcTimes.utc(dueAt)).query(Long.class).single();
    }

    public void respond(long breachId, String response, Instant at) {
        jdbc.sql("update sla_breach set responded_at = ?, response = ? where id = ?")
                .params(JdbcTimes.utc(at), response, breachId).update();
    }

    public List<SlaBreach> forPathway(String pathwayId) {
        return jdbc.sql("select * from sla_breach where pathway_id = ? order by breached_at, id")
                .param(pathwayId).query(SlaBreaches::map).list();
    }

    /** One missed deadline. */
    public record SlaBreach(long id, String slaCode, String slaName, String responsibleGroup, Instant dueAt,
                            Instant breachedAt, Instant respondedAt, String response) {
    }



    private static SlaBreach map(ResultSet rs, int row) throws SQLException {
        return new SlaBreach(rs.getLong("id"), rs.getString("sla_code"), rs.getString("sla_name"),
                rs.getString("responsible_group"), JdbcTimes.instant(rs, "due_at"), JdbcTimes.instant(rs, "breached_at"),
                JdbcTimes.instant(rs, "responded_at"), rs.getString("response"));
    }
}
