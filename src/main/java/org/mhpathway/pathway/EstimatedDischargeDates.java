package org.mhpathway.pathway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.JdbcTimes;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The estimated discharge date (EDD) of a stay and every change to it (seed 004, rehabilitation: a change of EDD needs
 * a reason, and the history of changes is kept).
 *
 * <ul>
 *   <li>{@code ${estimatedDischargeDates.show(task)}}, a create listener on each step that records an EDD, sets the
 *       task-local {@code previousEstimatedDischargeDate}: the pathway's current EDD. The form shows its
 *       {@code eddChangeReason} field, and the form check requires it, when the EDD given differs from that one.</li>
 *   <li>{@link #recorded} keeps each new EDD with the one it replaced and the reason, from
 *       {@link PathwayMilestones#record} before the register's current EDD is overwritten; and removes the reason from
 *       the process, so the next change asks for its own.</li>
 * </ul>
 */
@Component("estimatedDischargeDates")
public class EstimatedDischargeDates {

    public static final String PREVIOUS = "previousEstimatedDischargeDate";
    public static final String CHANGE_REASON = "eddChangeReason";

    private final JdbcClient jdbc;
    private final IdentityService identity;

    public EstimatedDischargeDates(JdbcClient jdbc, @Lazy IdentityService identity) {
        this.jdbc = jdbc;
        this.identity = identity;
    }

    /** One EDD as it was set: when, by whom, on which step, the one it replaced and why it changed. */
    public record EstimatedDischargeDate(LocalDate estimatedDischargeDate, LocalDate previousDate, String reason,
                                         String recordedOn, Instant recordedAt, String recordedBy) {

        /** The same entry without the free-text reason, for a reader who is not to see clinical notes. */
        public EstimatedDischargeDate withoutReason() {
            return new EstimatedDischargeDate(estimatedDischargeDate, previousDate, null, recordedOn, recordedAt,
                    recordedBy);
        }
    }

    public void show(DelegateTask task) {
        LocalDate current = current(task.getExecution().getProcessBusinessKey());
        task.setVariableLocal(PREVIOUS, current == null ? null : current.toString());
    }

    /** The step at {@code execution} recorded {@code date}; kept when it is the first EDD or a change. */
    void recorded(DelegateExecution execution, LocalDate date) {
        String pathwayId = execution.getProcessBusinessKey();
        LocalDate previous = current(pathwayId);
        Object given = execution.getVariable(CHANGE_REASON);
        if (given != null) {
            execution.removeVariable(CHANGE_REASON);
        }
        if (date == null || date.equals(previous)) {
            return;
        }
        String reason = previous == null || given == null || given.toString().isBlank() ? null : given.toString().trim();
        jdbc.sql("""
                insert into estimated_discharge_date (pathway_id, estimated_discharge_date, previous_date, reason,
                    recorded_on, recorded_at, recorded_by) values (?, ?, ?, ?, ?, ?, ?)""")
                .params(pathwayId, date, previous, reason, execution.getCurrentActivityId(),
                        JdbcTimes.utc(EngineClock.now()), signedInUser()).update();
    }

    /** The pathway's EDDs, first to last. */
    public List<EstimatedDischargeDate> forPathway(String pathwayId) {
        return jdbc.sql("""
                select estimated_discharge_date, previous_date, reason, recorded_on, recorded_at, recorded_by
                from estimated_discharge_date where pathway_id = ? order by recorded_at, id""")
                .param(pathwayId)
                .query((rs, row) -> new EstimatedDischargeDate(rs.getObject("estimated_discharge_date", LocalDate.class),
                        rs.getObject("previous_date", LocalDate.class), rs.getString("reason"),
                        rs.getString("recorded_on"), JdbcTimes.instant(rs, "recorded_at"), rs.getString("recorded_by")))
                .list();
    }

    private LocalDate current(String pathwayId) {
        return jdbc.sql("select estimated_discharge_date from pathway where pathway_id = ?").param(pathwayId)
                .query((rs, row) -> rs.getObject(1, LocalDate.class)).optional().orElse(null);
    }

    private String signedInUser() {
        Authentication current = identity.getCurrentAuthentication();
        return current == null ? null : current.getUserId();
    }
}
