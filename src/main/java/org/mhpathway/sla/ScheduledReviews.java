package org.mhpathway.sla;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records each C(E)TR and commissioner oversight visit that falls due, and when it was held, so that managers can count
 * them held on time (PATHWAY.md sections 2 and 5; seed 004: "75% by September and 95% by March", oversight visits "80%
 * and 100%"). Task listeners of the review tasks: {@code ${scheduledReviews.due(task, 'cetr')}} on create,
 * {@code ${scheduledReviews.held(task, 'cetrHeldAt')}} on complete, {@code ${scheduledReviews.withdrawn(task)}} on
 * delete; {@code ${scheduledReviews.heldBeforeAdmission(task)}} on the pre-admission C(E)TR.
 */
@Component("scheduledReviews")
public class ScheduledReviews {

    public static final String CETR = "cetr";
    public static final String OVERSIGHT_VISIT = "oversight-visit";

    private final JdbcClient jdbc;
    private final SlaPolicy policy;

    public ScheduledReviews(JdbcClient jdbc, SlaPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /** The review task exists: the review is due by the task's due date (now, for a task without one). */
    public void due(DelegateTask task, String kind) {
        if (!CETR.equals(kind) && !OVERSIGHT_VISIT.equals(kind)) {
            throw new IllegalArgumentException("not a scheduled review: " + kind);
        }
        Instant due = task.getDueDate() == null ? EngineClock.now() : task.getDueDate().toInstant();
        if (jdbc.sql("select count(*) from scheduled_review where task_id = ?").param(task.getId()).query(Long.class)
                .single() > 0) {
            return;
        }
        jdbc.sql("insert into scheduled_review (pathway_id, kind, task_id, due_at) values (?, ?, ?, ?)")
                .params(task.getExecution().getProcessBusinessKey(), kind, task.getId(), JdbcTimes.utc(due)).update();
    }

    /** The review is held: on the date its form records in {@code heldAtVariable}, else now. */
    public void held(DelegateTask task, String heldAtVariable) {
        jdbc.sql("update scheduled_review set held_at = ? where task_id = ?")
                .params(JdbcTimes.utc(heldAt(task, heldAtVariable)), task.getId()).update();
    }

    /**
     * The task is gone without the review (the stay ended): a review not yet due was never owed and is forgotten; one
     * already due stays, not held.
     */
    public void withdrawn(DelegateTask task) {
        jdbc.sql("delete from scheduled_review where task_id = ? and held_at is null and due_at > ?")
                .params(task.getId(), JdbcTimes.utc(EngineClock.now())).update();
    }

    /** A C(E)TR held before admission (PATHWAY.md section 2, Key Stage 1) is one held on time. */
    public void heldBeforeAdmission(DelegateTask task) {
        if (!Boolean.TRUE.equals(task.getVariable("cetrHeldBeforeAdmission"))) {
            return;
        }
        Instant held = heldAt(task, "cetrHeldAt");
        if (jdbc.sql("select count(*) from scheduled_review where task_id = ?").param(task.getId()).query(Long.class)
                .single() > 0) {
            return;
        }
        jdbc.sql("insert into scheduled_review (pathway_id, kind, task_id, due_at, held_at) values (?, ?, ?, ?, ?)")
                .params(task.getExecution().getProcessBusinessKey(), CETR, task.getId(), JdbcTimes.utc(held),
                        JdbcTimes.utc(held)).update();
    }

    private Instant heldAt(DelegateTask task, String variable) {
        Instant recorded = IsoDateTimes.toInstant(task.getVariable(variable), policy.zone());
        return recorded != null ? recorded : EngineClock.now();
    }
}
