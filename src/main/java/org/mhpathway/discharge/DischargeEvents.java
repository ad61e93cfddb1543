package org.mhpathway.discharge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.task.Task;
import org.mhpathway.partners.NotificationEvent;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.MultiAgencyDischargeEvent;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.mhpathway.system.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Multi-agency discharge events (PATHWAY.md section 3): convenes one for a pathway, on demand from the discharge
 * hub or from another model ({@code ${dischargeEvents.convene(execution, 'escalated')}}), and is the bean the
 * {@code multi-agency-discharge-event} model calls to record each agency's actions, the agreed plan and the
 * outcome it hands back to the pathway.
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

    /** The processes of the pathway that hold its estimated discharge date while they run. */
    private static final Set<String> PATHWAY_MODELS = Set.of(InpatientPathway.KEY, InpatientStay.KEY, HospitalDischarge.KEY);

    private final DischargeEventRecords records;
    private final PathwayRegister register;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SlaPolicy policy;

    public DischargeEvents(DischargeEventRecords records, PathwayRegister register, RuntimeService runtime,
                           TaskService tasks, SlaPolicy policy) {
        this.records = records;
        this.register = register;
        this.runtime = runtime;
        this.tasks = tasks;
        this.policy = policy;
    }

    /**
     * Convenes an event from another model. The agencies are the variable {@code invitedRoles} when the model set
     * it, otherwise those the delay needs: the recipients of the delayed-discharge notice for this pathway.
     */
    public String convene(DelegateExecution execution, String reason) {
        Object invited = execution.getVariable(INVITED_ROLES);
        List<String> roles = invited != null ? splitRoles(invited.toString())
                : NotificationEvent.DELAYED_DISCHARGE.recipientsFor(execution::getVariable).stream().map(PartnerRole::code).toList();
        return convene(execution.getProcessBusinessKey(), reason, roles);
    }

    /**
     * Convenes an event for the pathway: records it and starts the model.
     *
     * @return the process instance id
     * @throws NotFoundException for an unknown pathway
     * @throws ConflictException when the pathway is closed or an event is already running for it
     */
    @Transactional
    public String convene(String pathwayId, String reason, List<String> invitedRoles) {
        PathwayRecord pathway = register.find(pathwayId)
                .orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
        if (pathway.closedAt() != null) {
            throw new ConflictException("Pathway closed", "Pathway " + pathwayId + " is closed; no discharge event can"
                    + " be convened for it.", "pathwayId", "is closed", null);
        }
        if (running(pathwayId)) {
            throw new ConflictException("Discharge event already running", "A multi-agency discharge event is already"
                    + " running for pathway " + pathwayId + ".", "pathwayId", "already has a discharge event running", null);
        }
        List<String> roles = List.copyOf(new LinkedHashSet<>(invitedRoles));
        long eventId = records.convene(pathwayId, reason, roles, EngineClock.now());
        Map<String, Object> variables = new HashMap<>(pathway.whoseTask());
        variables.put(EVENT_ID, eventId);
        variables.put(REASON, reason);
        variables.put(INVITED_ROLES, String.join(" ", roles));
        return runtime.startProcessInstanceByKey(MultiAgencyDischargeEvent.KEY, pathwayId, variables).getId();
    }

    /**
     * At the top of the delayed-discharge escalation ladder (PATHWAY.md section 3): convenes an event for the
     * agencies the delay needs, unless the discharge hub already has one running for the pathway.
     *
     * @return whether an event was convened
     */
    public boolean conveneUnlessRunning(DelegateExecution execution, String reason) {
        if (running(execution.getProcessBusinessKey())) {
            return false;
        }
        convene(execution, reason);
        return true;
    }

    public boolean running(String pathwayId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(MultiAgencyDischargeEvent.KEY)
                .processInstanceBusinessKey(pathwayId).active().count() > 0;
    }

    /** The multi-instance collection: one task per invited agency. */
    public List<String> invitedRoles(DelegateExecution execution) {
        return splitRoles(String.valueOf(execution.getVariable(INVITED_ROLES)));
    }

    /** The agency as the task name shows it, e.g. "local authority". */
    public String agencyName(String roleCode) {
        return switch (roleCode) {
            case "gp-practice" -> "GP practice";
            case "community-mh-team" -> "community mental health team";
            case "crisis-team" -> "crisis team";
            case "local-authority" -> "local authority";
            case "housing-authority" -> "housing authority";
            case "vcse-advocacy" -> "VCSE or advocacy service";
            case "commissioner" -> "commissioner (ICB)";
            default -> roleCode;
        };
    }

    /**
     * Start listener of each agency's task: its name, and its own empty answer fields, so that one agency's
     * answer is never shown on, or recorded for, another's task.
     */
    public void prepareAgencyTask(DelegateExecution execution) {
        execution.setVariableLocal(AGENCY_NAME, agencyName(String.valueOf(execution.getVariable(AGENCY_ROLE))));
        execution.setVariableLocal(AGREED_ACTIONS, null);
        execution.setVariableLocal(ACTIONS_DUE_DATE, null);
        execution.setVariableLocal(ACTIONS_AGREED_BY, null);
    }

    /** End listener of the agency's task: keeps what the agency agreed, from Tasklist or its own answer. */
    public void actionsAgreed(DelegateExecution execution) {
        Object by = execution.getVariable(ACTIONS_AGREED_BY);
        records.recordAction(eventId(execution), String.valueOf(execution.getVariable(AGENCY_ROLE)),
                String.valueOf(execution.getVariable(AGREED_ACTIONS)),
                IsoDateTimes.toLocalDate(execution.getVariable(ACTIONS_DUE_DATE), policy.zone()),
                by == null ? "discharge-hub" : by.toString(), EngineClock.now());
    }

    /** End listener of the chair's task. */
    public void planAgreed(DelegateExecution execution) {
        records.recordPlan(eventId(execution), String.valueOf(execution.getVariable(AGREED_DISCHARGE_PLAN)),
                IsoDateTimes.toLocalDate(execution.getVariable(ESTIMATED_DISCHARGE_DATE), policy.zone()),
                IsoDateTimes.toLocalDate(execution.getVariable(ACTIONS_REVIEW_DATE), policy.zone()));
    }

    /**
     * Hands the outcome back to the pathway: its running processes get the new estimated discharge date, and any
     * of them waiting for {@code Msg_DischargeEventConcluded} receives it.
     */
    public void conclude(DelegateExecution execution) {
        String pathwayId = execution.getProcessBusinessKey();
        Object edd = execution.getVariable(ESTIMATED_DISCHARGE_DATE);
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).active().list().stream()
                .filter(p -> PATHWAY_MODELS.contains(p.getProcessDefinitionKey()))
                .forEach(p -> runtime.setVariable(p.getId(), ESTIMATED_DISCHARGE_DATE, edd));
        runtime.createMessageCorrelation(MultiAgencyDischargeEvent.MSG_DISCHARGE_EVENT_CONCLUDED)
                .processInstanceBusinessKey(pathwayId)
                .setVariable(ESTIMATED_DISCHARGE_DATE, edd)
                .setVariable(AGREED_DISCHARGE_PLAN, execution.getVariable(AGREED_DISCHARGE_PLAN))
                .correlateAllWithResult();
        records.concluded(eventId(execution), EngineClock.now());
    }

    /** The actions are checked once the chair's review date has passed: at midnight after it. */
    public Date actionsCheckDue(DelegateExecution execution) {
        LocalDate review = IsoDateTimes.toLocalDate(execution.getVariable(ACTIONS_REVIEW_DATE), policy.zone());
        return Date.from(review.plusDays(1).atStartOfDay(policy.zone()).toInstant());
    }

    public boolean allActionsDone(DelegateExecution execution) {
        return records.openActions(eventId(execution)).isEmpty();
    }

    /** The overdue actions, one per line, for the chase task's form. */
    public String overdueActions(DelegateExecution execution) {
        List<String> lines = new ArrayList<>();
        for (var a : records.openActions(eventId(execution))) {
            lines.add(agencyName(a.agencyRole()) + ": " + a.action() + (a.dueDate() == null ? "" : " (by " + a.dueDate() + ")"));
        }
        return String.join("\n", lines);
    }

    /**
     * An agency's own answer with its actions and the date they will be done by: completes its task as the
     * discharge hub would in Tasklist, checked against the same form.
     *
     * @return false when no task waits for this agency's actions on this pathway
     */
    @Transactional
    public boolean agencyAgreedActions(String pathwayId, PartnerRole role, String partnerId, String actions,
                                       LocalDate dueDate) {
        for (Task task : tasks.createTaskQuery().processInstanceBusinessKey(pathwayId)
                .processDefinitionKey(MultiAgencyDischargeEvent.KEY)
                .taskDefinitionKey(MultiAgencyDischargeEvent.TASK_AGREE_AGENCY_ACTIONS).list()) {
            if (role.code().equals(tasks.getVariable(task.getId(), AGENCY_ROLE))) {
                // who agreed is not a field of the form, and a completion may change only what its form records:
                // it is set on the agency's own scope first, in the same transaction as the completion
                runtime.setVariableLocal(task.getExecutionId(), ACTIONS_AGREED_BY, partnerId);
                tasks.complete(task.getId(), Map.of(AGREED_ACTIONS, actions, ACTIONS_DUE_DATE, dueDate.toString()));
                return true;
            }
        }
        return false;
    }

    /** An agency reports its agreed actions done; how many open actions that closed. */
    public int agencyActionsDone(String pathwayId, PartnerRole role, Instant at) {
        return records.actionsDone(pathwayId, role.code(), at);
    }

    private static long eventId(DelegateExecution execution) {
        return ((Number) execution.getVariable(EVENT_ID)).longValue();
    }

    private static List<String> splitRoles(String roles) {
        return Arrays.stream(roles.trim().split("[\\s,]+")).filter(s -> !s.isBlank()).toList();
    }
}
