package org.mhpathway.discharge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The actions partners owe on open pathways (PATHWAY.md sections 1, 3 and 4: the discharge hub sees every delayed
 * discharge and housing escalation "with the partner actions owed"): those an agency agreed at a multi-agency discharge
 * event, and the practical blockers of an open housing case, each not yet reported done, with its date.
 */
@Repository
public class ActionsOwed {

    /** Where an action was agreed. */
    public static final String DISCHARGE_EVENT = "discharge-event";
    public static final String HOUSING = "housing";

    private final JdbcClient jdbc;

    public ActionsOwed(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The actions not done of every open pathway of these ICSs, by pathway id, soonest due first. */
    public Map<String, List<ActionOwed>> ofOpenPathways(Set<String> ics) {
        Map<String, List<ActionOwed>> owed = new HashMap<>();
        if (ics.isEmpty()) {
            return owed;
        }
        jdbc.sql("""
                select x.pathway_id, x.source, x.owner, x.action, x.due_date from (
                  select e.pathway_id, 'discharge-event' as source, a.agency_role as owner, a.action, a.due_date, a.id
                    from made_action a join made_event e on e.id = a.event_id
                    join pathway p on p.pathway_id = e.pathway_id
                   where a.done_at is null and p.closed_at is null and p.home_ics in (:ics)
                  union all
                  select c.pathway_id, 'housing' as source, a.owner, a.action, a.due_date, a.id
                    from housing_action a join housing_case c on c.id = a.case_id
                    join pathway p on p.pathway_id = c.pathway_id
                   where a.done_at is null and c.secured_at is null and p.closed_at is null and p.home_ics in (:ics)
                ) x order by case when x.due_date is null then 1 else 0 end, x.due_date, x.source, x.id""")
                .param("ics", ics)
                .query((rs, row) -> new Object[] {rs.getString("pathway_id"), new ActionOwed(rs.getString("source"),
                        rs.getString("owner"), rs.getString("action"), rs.getObject("due_date", LocalDate.class))})
                .list()
                .forEach(r -> owed.computeIfAbsent((String) r[0], id -> new ArrayList<>()).add((ActionOwed) r[1]));
        return owed;
    }

    /**
     * An action owed: agreed at a discharge event ({@code owner} the agency's role) or a housing blocker
     * ({@code owner} as the housing officer recorded it), due on {@code dueDate} (null when none was agreed).
     */
    public record ActionOwed(String source, String owner, String action, LocalDate dueDate) {
    }
}
