package org.mhpathway.discharge;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.mhpathway.partners.NotificationEvent;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/**
 * The {@code multi-agency-discharge-event} model's steps, and the convening of an event from another model
 * ({@code ${dischargeEvents.conveneUnlessRunning(execution, 'escalated')}}): each reads the model's variables, typed,
 * and calls {@link MultiAgencyDischargeEvents}, which does the work.
 */
@Component("dischargeEvents")
public class DischargeEvents {

    /** Variables of the {@code multi-agency-discharge-event} model. */
    public static final String EVENT_ID = "dischargeEventId";
    public static final String REASON = "dischargeEventReason";
    /** The invited agencies' role codes, separated by spaces. */
    public static final String INVITED_ROLES = "invitedRoles";
    /** The multi-instance element: the role of the agency whose actions one task agrees. */
    public static final String AGENCY_ROLE = "agencyRole";
    public static final String AGENCY_NAME = "agencyName";
    public static final String AGREED_ACTIONS = "agreedActions";
    public static final String ACTIONS_DUE_DATE = "actionsDueDate";
    public static final String ACTIONS_AGREED_BY = "actionsAgreedBy";
    public static final String AGREED_DISCHARGE_PLAN = "agreedDischargePlan";
    public static final String ESTIMATED_DISCHARGE_DATE = "estimatedDischargeDate";
    public static final String ACTIONS_REVIEW_DATE = "actionsReviewDate";

    private final MultiAgencyDischargeEvents events;
    private final SlaPolicy policy;

    public DischargeEvents(MultiAgencyDischargeEvents events, SlaPolicy policy) {
        this.events = events;
        this.policy = policy;
    }

    /**
     * Convenes an event from another model. The agencies are the variable {@code invitedRoles} when the model set
     * it, otherwise those the delay needs: the recipients of the delayed-discharge notice for this pathway.
     */
    public String convene(DelegateExecution execution, String reason) {
        return events.convene(execution.getProcessBusinessKey(), reason, agenciesNeeded(execution));
    }

    /**
     * At the top of the delayed-discharge and housing escalation ladders (PATHWAY.md section 3): convenes an event for
     * the agencies the delay needs, unless the discharge hub already has one running for the pathway.
     *
     * @return whether an event was convened
     */
    public boolean conveneUnlessRunning(DelegateExecution execution, String reason) {
        return events.conveneUnlessRunning(execution.getProcessBusinessKey(), reason, agenciesNeeded(execution));
    }

    /** The multi-instance collection: one task per invited agency. */
    public List<String> invitedRoles(DelegateExecution execution) {
        return splitRoles(text(execution, INVITED_ROLES));
    }

    /**
     * Start listener of each agency's task: its name, and its own empty answer fields, so that one agency's
     * answer is never shown on, or recorded for, another's task.
     */
    public void prepareAgencyTask(DelegateExecution execution) {
        execution.setVariableLocal(AGENCY_NAME, MultiAgencyDischargeEvents.agencyName(text(execution, AGENCY_ROLE)));
        execution.setVariableLocal(AGREED_ACTIONS, null);
        execution.setVariableLocal(ACTIONS_DUE_DATE, null);
        execution.setVariableLocal(ACTIONS_AGREED_BY, null);
    }

    /** End listener of the agency's task: keeps what the agency agreed, from Tasklist or its own answer. */
    public void actionsAgreed(DelegateExecution execution) {
        String by = text(execution, ACTIONS_AGREED_BY);
        events.recordAgencyActions(eventId(execution), text(execution, AGENCY_ROLE),
                String.valueOf(execution.getVariable(AGREED_ACTIONS)), date(execution, ACTIONS_DUE_DATE),
                by == null ? "discharge-hub" : by);
    }

    /** End listener of the chair's task. */
    public void planAgreed(DelegateExecution execution) {
        events.recordPlan(eventId(execution), String.valueOf(execution.getVariable(AGREED_DISCHARGE_PLAN)),
                date(execution, ESTIMATED_DISCHARGE_DATE), date(execution, ACTIONS_REVIEW_DATE));
    }

    /** End of the event: the outcome goes back to the pathway. */
    public void conclude(DelegateExecution execution) {
        events.conclude(execution.getProcessBusinessKey(), eventId(execution), date(execution, ESTIMATED_DISCHARGE_DATE),
                text(execution, AGREED_DISCHARGE_PLAN));
    }

    /** The timer of the actions check: midnight after the chair's review date. */
    public Date actionsCheckDue(DelegateExecution execution) {
        return events.actionsCheckDue(date(execution, ACTIONS_REVIEW_DATE));
    }

    public boolean allActionsDone(DelegateExecution execution) {
        return events.allActionsDone(eventId(execution));
    }

    /** The overdue actions, one per line, for the chase task's form. */
    public String overdueActions(DelegateExecution execution) {
        return events.overdueActions(eventId(execution));
    }

    private List<String> agenciesNeeded(DelegateExecution execution) {
        String invited = text(execution, INVITED_ROLES);
        return invited != null ? splitRoles(invited)
                : NotificationEvent.DELAYED_DISCHARGE.recipientsFor(execution::getVariable).stream()
                        .map(PartnerRole::code).toList();
    }

    private static long eventId(DelegateExecution execution) {
        return ((Number) execution.getVariable(EVENT_ID)).longValue();
    }

    private static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null ? null : value.toString();
    }

    private LocalDate date(DelegateExecution execution, String name) {
        return IsoDateTimes.toLocalDate(execution.getVariable(name), policy.zone());
    }

    private static List<String> splitRoles(String roles) {
        return roles == null ? List.of()
                : Arrays.stream(roles.trim().split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    }
}
