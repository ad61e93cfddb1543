package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.mhpathway.sla.PathwayFacts;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/**
 * The SLA policy as the BPMN timers see it: {@code ${slaTimers.due(execution, 'key-stage-1')}} and friends.
 * Times come from the engine clock so process tests can move it.
 */
@Component("slaTimers")
public class SlaTimers {

    private final SlaPolicy policy;

    public SlaTimers(SlaPolicy policy) {
        this.policy = policy;
    }

    /** A one-off deadline: its anchor date plus its allowance. */
    public Date due(VariableScope execution, String slaCode) {
        return Date.from(policy.dueAt(slaCode, facts(execution)));
    }

    /** The next repeat of a review, counted from now. */
    public Date next(VariableScope execution, String slaCode) {
        return Date.from(policy.nextReview(slaCode, facts(execution)));
    }

    /** A review that repeats while its step is open, as an ISO-8601 repeating interval. */
    public String cycle(VariableScope execution, String slaCode) {
        return policy.cycle(slaCode, facts(execution));
    }

    /**
     * The due date of a review raised by its own timer at the moment it falls due (a Red-to-Green day, an oversight
     * visit, a long-stay peer review): the end of that day on the policy's calendar. A review that falls due today is
     * due today, not overdue the moment it appears in Tasklist.
     */
    public Date reviewDue() {
        return Date.from(policy.endOfDay(EngineClock.now()));
    }

    /**
     * A repeating review (an oversight visit, a six-monthly C(E)TR) has fallen due: records in {@code variable} when it
     * is due, the end of today as {@link #reviewDue()} gives it. Its task is due then, its overdue timer fires then, and
     * a miss is recorded against that date (PATHWAY.md sections 2 and 5: a late recurring review is a missed deadline
     * like the one-off ones). Set once, on the timer that raises the review, so that all three agree.
     */
    public void reviewFallsDue(VariableScope execution, String variable) {
        execution.setVariable(variable, policy.endOfDay(EngineClock.now()).toString());
    }

    /** Now, as an ISO-8601 instant, for output mappings that stamp a milestone. */
    public String now() {
        return EngineClock.now().toString();
    }

    public PathwayFacts facts(VariableScope execution) {
        Object ehcPlan = execution.getVariable(EHC_PLAN);
        return new PathwayFacts(
                (String) execution.getVariable(HOME_ICS),
                (String) execution.getVariable(WARD_TYPE),
                Boolean.TRUE.equals(ehcPlan),
                IsoDateTimes.toLocalDate(execution.getVariable(DATE_OF_BIRTH), policy.zone()),
                EngineClock.now(),
                execution::getVariable);
    }
}
