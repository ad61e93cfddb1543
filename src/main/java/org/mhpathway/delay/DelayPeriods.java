package org.mhpathway.delay;

import static org.mhpathway.pathway.PathwayVariables.CRFD_AT;
import static org.mhpathway.pathway.PathwayVariables.DELAY_OUTCOME;
import static org.mhpathway.pathway.PathwayVariables.HOME_ICS;

import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.mhpathway.delay.DelayPeriodRecords.DelayFacts;
import org.mhpathway.delay.DelayPeriodRecords.DelayPeriod;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.sla.EscalationLadders;
import org.mhpathway.sla.EscalationLadders.Step;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/**
 * The delayed-discharge models as they record delay periods and climb the escalation ladder (PATHWAY.md
 * section 3): {@code ${delayPeriods.begin(execution)}} and {@code ${delayPeriods.end(execution)}} on the
 * delayed-discharge subprocess, {@code ${delayPeriods.nextEscalationDue(execution)}} and
 * {@code ${delayPeriods.climb(execution)}} in {@code delayed-discharge-escalation}.
 */
@Component
public class DelayPeriods {

    static final String DELAY_REASON = "delayReason";
    static final String DELAY_ATTRIBUTION = "delayAttribution";
    static final String RESPONSIBLE_LOCAL_AUTHORITY = "responsibleLocalAuthority";
    static final String WARD = "ward";

    private final DelayPeriodRecords periods;
    private final EscalationLadders ladders;
    private final IdentityService identity;
    private final PathwayRegister register;
    private final SlaPolicy policy;

    public DelayPeriods(DelayPeriodRecords periods, EscalationLadders ladders, IdentityService identity,
                        PathwayRegister register, SlaPolicy policy) {
        this.periods = periods;
        this.ladders = ladders;
        this.identity = identity;
        this.register = register;
        this.policy = policy;
    }

    /**
     * The delay has begun: a new period at level 1, due to climb when level 1's limit passes (counted from now, when the
     * hub found the support missing). The period starts when the person became clinically ready for discharge
     * ({@code crfdAt}): {@link DelayPeriodRecords#begin} says when exactly.
     */
    public void begin(DelegateExecution execution) {
        var now = EngineClock.now();
        Step first = ladders.start(EscalationLadders.DELAYED_DISCHARGE, (String) execution.getVariable(HOME_ICS), now);
        Instant readyAt = IsoDateTimes.toInstant(execution.getVariable(CRFD_AT), policy.zone());
        periods.begin(execution.getProcessBusinessKey(), string(execution, WARD), facts(execution), readyAt, now,
                first.reached().name(), first.nextDue(), signedInUser());
    }

    /**
     * A review re-states the delay's reason, attribution and local authority; a change is kept in the period's reason
     * history from now on, the account before it kept for the days it held.
     */
    public void reviewed(DelegateTask task) {
        periods.revise(task.getExecution().getProcessBusinessKey(), facts(task), EngineClock.now(), user(task));
    }

    /** Whoever completes the resolution, and its outcome. */
    public void resolvedBy(DelegateTask task) {
        // read from the task: the process variable may still hold an earlier period's outcome
        periods.resolved(task.getExecution().getProcessBusinessKey(), user(task), string(task, DELAY_OUTCOME));
    }

    /** Who completes a task: its assignee, else the signed-in user, else unknown. */
    private String user(DelegateTask task) {
        return task.getAssignee() != null ? task.getAssignee() : signedInUser();
    }

    private String signedInUser() {
        Authentication current = identity.getCurrentAuthentication();
        return current == null ? null : current.getUserId();
    }

    /** The delay has ended, resolved or because the person is no longer clinically ready. */
    public void end(DelegateExecution execution) {
        periods.end(execution.getProcessBusinessKey(), EngineClock.now());
    }

    /**
     * The due date of a level's escalation task: when the level's limit passes and the next level is told. None at
     * the top of the ladder, where no further limit runs.
     */
    public Date escalationTaskDue(DelegateExecution execution) {
        return periods.open(execution.getProcessBusinessKey())
                .map(open -> open.nextEscalationDue() == null ? null : Date.from(open.nextEscalationDue()))
                .orElse(null);
    }

    /** When the open period's level runs out, for the ladder's timer. */
    public Date nextEscalationDue(DelegateExecution execution) {
        DelayPeriod open = periods.open(execution.getProcessBusinessKey())
                .orElseThrow(() -> new IllegalStateException("no open delay for " + execution.getProcessBusinessKey()));
        if (open.nextEscalationDue() == null) {
            throw new IllegalStateException("delay of " + open.pathwayId() + " is at the top of its ladder");
        }
        return Date.from(open.nextEscalationDue());
    }

    /** A level's limit has passed: the delay climbs one level, and the step's variables name the new one. */
    public void climb(DelegateExecution execution) {
        String pathwayId = execution.getProcessBusinessKey();
        DelayPeriod open = periods.open(pathwayId)
                .orElseThrow(() -> new IllegalStateException("no open delay for " + pathwayId));
        Step step = ladders.climb(EscalationLadders.DELAYED_DISCHARGE, (String) execution.getVariable(HOME_ICS),
                open.escalationLevel(), EngineClock.now());
        periods.escalated(pathwayId, step.level(), step.reached().name(), step.nextDue());
        execution.setVariables(step.variables());
    }

    /** The refined discharge plan is recorded (Derby and Derbyshire's standard, PATHWAY.md section 3). */
    public void dischargePlanRecorded(DelegateExecution execution) {
        Object plan = execution.getVariable("dischargePlan");
        if (plan != null && !plan.toString().isBlank()) {
            register.recordDischargePlan(execution.getProcessBusinessKey(), EngineClock.now());
        }
    }

    private static DelayFacts facts(VariableScope scope) {
        return new DelayFacts(string(scope, DELAY_REASON), string(scope, DELAY_ATTRIBUTION),
                string(scope, RESPONSIBLE_LOCAL_AUTHORITY));
    }

    private static String string(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
