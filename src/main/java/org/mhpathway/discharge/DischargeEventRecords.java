package org.mhpathway.discharge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.mhpathway.security.EscalationHistory;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The record of multi-agency discharge events and the actions each agency agreed (tables made_event, made_action). */
@Repository
public class DischargeEventRecords implements EscalationHistory {

    private final JdbcClient jdbc;

    public DischargeEventRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A multi-agency discharge event, held or not. */
    @Override
    public boolean escalated(String pathwayId) {
        return jdbc.sql("select count(*) from made_event where pathway_id = ?").param(pathwayId).query(Integer.class)
                .single() > 0;
    }

    public long convene(String pathwayId, String reason, List<String> invitedRoles, Instant at) {
        jdbc.sql("insert into made_event (pathway_id, convened_at, reason, invited_roles) values (?, ?, ?, ?)")
                .params(pathwayId, JdbcTimes.utc(at), reason, String.join(" ", invitedRoles)).update();
        return jdbc.sql("select max(id) from made_event where pathway_id = ?").param(pathwayId).query(Long.class).single();
    }

    public void recordAction(long eventId, String agencyRole, String action, LocalDate dueDate, String agreedBy, Instant at) {
        jdbc.sql("insert into made_action (event_id, agency_role, action, due_date, agreed_by, agreed_at) values (?, ?, ?, ?, ?, ?)")
                .params(eventId, agencyRole, action, dueDate, agreedBy, JdbcTimes.utc(at)).update();
    }

    public void recordPlan(long eventId, String agreedPlan, LocalDate newEdd, LocalDate reviewDate) {
        jdbc.sql("update made_event set agreed_plan = ?, new_edd = ?, review_date = ? where id = ?")
                .params(agreedPlan, newEdd, reviewDate, eventId).update();
    }

    public void concluded(long eventId, Instant at) {
        jdbc.sql("update made_event set concluded_at = ? where id = ?").params(JdbcTimes.utc(at), eventId).update();
    }

    /** Marks the agency's open actions of the pathway's latest event done; how many were open. */
    public int actionsDone(String pathwayId, String agencyRole, Instant at) {
        return jdbc.sql("""
                update made_action set done_at = ?
                 where done_at is null and agency_role = ?
                   and event_id = (select max(id) from made_event where pathway_id = ?)""")
                .params(JdbcTimes.utc(at), agencyRole, pathwayId).update();
    }

    public List<Action> openActions(long eventId) {
        return actions(eventId).stream().filter(a -> a.doneAt() == null).toList();
    }

    public List<Action> actions(long eventId) {
        return jdbc.sql("select * from made_action where event_id = ? order by id").param(eventId)
                .query(DischargeEventRecords::action).list();
    }

    public List<DischargeEvent> forPathway(String pathwayId) {
        return jdbc.sql("select * from made_event where pathway_id = ? order by id").param(pathwayId)
                .query((rs, row) -> new DischargeEvent(rs.getLong("id"), rs.getString("pathway_id"),
                        JdbcTimes.instant(rs, "convened_at"), rs.getString("reason"),
                        List.of(rs.getString("invited_roles").split(" ")), rs.getString("agreed_plan"),
                        rs.getObject("new_edd", LocalDate.class), rs.getObject("review_date", LocalDate.class),
                        JdbcTimes.instant(rs, "concluded_at"), List.of()))
                .list().stream().map(e -> e.withActions(actions(e.id()))).toList();
    }

    private static Action action(ResultSet rs, int row) throws SQLException {
        return new Action(rs.getString("agency_role"), rs.getString("action"), rs.getObject("due_date", LocalDate.class),
                rs.getString("agreed_by"), JdbcTimes.instant(rs, "agreed_at"), JdbcTimes.instant(rs, "done_at"));
    }

    /** One event as GET /api/pathways/{id}/discharge-events shows it. */
    public record DischargeEvent(long id, String pathwayId, Instant convenedAt, String reason, List<String> invitedRoles,
                                 String agreedPlan, LocalDate newEstimatedDischargeDate, LocalDate reviewDate,
                                 Instant concludedAt, List<Action> actions) {
        DischargeEvent withActions(List<Action> all) {
            return new DischargeEvent(id, pathwayId, convenedAt, reason, invitedRoles, agreedPlan,
                    newEstimatedDischargeDate, reviewDate, concludedAt, all);
        }
    }

    public record Action(String agencyRole, String action, LocalDate dueDate, String agreedBy, Instant agreedAt,
                         Instant doneAt) {
    }
}
