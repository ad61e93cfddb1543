package org.mhpathway.discharge;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
import org.mhpathway.system.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Multi-agency discharge events (PATHWAY.md section 3), the work itself: convening one for a pathway, recording each
 * agency's actions, the agreed plan and the outcome, and taking an agency's own answer. Called by the API, by the
 * partners' answers and, through {@link DischargeEvents}, by the models; it never reads a model's execution.
 */
@Service
public class MultiAgencyDischargeEvents {

    /** The processes of the pathway that hold its estimated discharge date while they run. */
    private static final Set<String> PATHWAY_MODELS = Set.of(InpatientPathway.KEY, InpatientStay.KEY, HospitalDischarge.KEY);

    private final DischargeEventRecords records;
    private final PathwayRegister register;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final SlaPolicy policy;

    public MultiAgencyDischargeEvents(DischargeEventRecords records, PathwayRegister register, RuntimeService runtime,
                                      TaskService tasks, SlaPolicy policy) {
        this.records = records;
        this.register = register;
        this.runtime = runtime;
        this.tasks = tasks;
        this.policy = policy;
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
        variables.put(DischargeEvents.EVENT_ID, eventId);
        variables.put(DischargeEvents.REASON, reason);
        variables.put(DischargeEvents.INVITED_ROLES, String.join(" ", roles));
        return runtime.startProcessInstanceByKey(MultiAgencyDischargeEvent.KEY, pathwayId, variables).getId();
    }

    /**
     * Convenes an event for the agencies named, unless one is already running for the pathway.
     *
     * @return whether an event was convened
     */
    public boolean conveneUnlessRunning(String pathwayId, String reason, List<String> invitedRoles) {
        if (running(pathwayId)) {
            return false;
        }
        convene(pathwayId, reason, invitedRoles);
        return true;
    }

    public boolean running(String pathwayId) {
        return runtime.createProcessInstanceQuery().processDefinitionKey(MultiAgencyDischargeEvent.KEY)
                .processInstanceBusinessKey(pathwayId).active().count() > 0;
    }

    /** The agency as a task name shows it, e.g. "local authority". */
    public static String agencyName(String roleCode) {
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

    /** What one agency agreed to do, from Tasklist or its own answer; {@code agreedBy} is the partner or the hub. */
    public void recordAgencyActions(long eventId, String agencyRole, String actions, LocalDate dueDate, String agreedBy) {
        records.recordAction(eventId, agencyRole, actions, dueDate, agreedBy, EngineClock.now());
    }

    /** The chair's agreed plan, the estimated discharge date and when the actions are reviewed. */
    public void recordPlan(long eventId, String plan, LocalDate estimatedDischargeDate, LocalDate actionsReviewDate) {
        records.recordPlan(eventId, plan, estimatedDischargeDate, actionsReviewDate);
    }

    /**
     * Hands the outcome back to the pathway: its running processes get the new estimated discharge date, and any
     * of them waiting for {@code Msg_DischargeEventConcluded} receives it.
     */
    public void conclude(String pathwayId, long eventId, LocalDate estimatedDischargeDate, String plan) {
        String edd = estimatedDischargeDate == null ? null : estimatedDischargeDate.toString();
        runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).active().list().stream()
                .filter(p -> PATHWAY_MODELS.contains(p.getProcessDefinitionKey()))
                .forEach(p -> runtime.setVariable(p.getId(), DischargeEvents.ESTIMATED_DISCHARGE_DATE, edd));
        runtime.createMessageCorrelation(MultiAgencyDischargeEvent.MSG_DISCHARGE_EVENT_CONCLUDED)
                .processInstanceBusinessKey(pathwayId)
                .setVariable(DischargeEvents.ESTIMATED_DISCHARGE_DATE, edd)
                .setVariable(DischargeEvents.AGREED_DISCHARGE_PLAN, plan)
                .correlateAllWithResult();
        records.concluded(eventId, EngineClock.now());
    }

    /** The actions are checked once the chair's review date has passed: at midnight after it. */
    public Date actionsCheckDue(LocalDate actionsReviewDate) {
        return Date.from(actionsReviewDate.plusDays(1).atStartOfDay(policy.zone()).toInstant());
    }

    public boolean allActionsDone(long eventId) {
        return records.openActions(eventId).isEmpty();
    }

    /** The overdue actions, one per line, for the chase task's form. */
    public String overdueActions(long eventId) {
        List<String> lines = new ArrayList<>();
        for (var a : records.openActions(eventId)) {
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
            if (role.code().equals(tasks.getVariable(task.getId(), DischargeEvents.AGENCY_ROLE))) {
                // who agreed is not a field of the form, and a completion may change only what its form records:
                // it is set on the agency's own scope first, in the same transaction as the completion
                runtime.setVariableLocal(task.getExecutionId(), DischargeEvents.ACTIONS_AGREED_BY, partnerId);
                tasks.complete(task.getId(), Map.of(DischargeEvents.AGREED_ACTIONS, actions,
                        DischargeEvents.ACTIONS_DUE_DATE, dueDate.toString()));
                return true;
            }
        }
        return false;
    }

    /** An agency reports its agreed actions done; how many open actions that closed. */
    public int agencyActionsDone(String pathwayId, PartnerRole role, Instant at) {
        return records.actionsDone(pathwayId, role.code(), at);
    }
}
