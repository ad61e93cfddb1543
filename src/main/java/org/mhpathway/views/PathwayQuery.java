package org.mhpathway.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.mhpathway.partners.CareTeam;
import org.mhpathway.partners.PartnerNotifications;
import org.mhpathway.pathway.EstimatedDischargeDates;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.pathway.Stage;
import org.mhpathway.pathway.WardTransfers;
import org.mhpathway.views.PathwayView.CareTeamMember;
import org.mhpathway.views.PathwayView.Dates;
import org.mhpathway.views.PathwayView.Flags;
import org.mhpathway.views.PathwayView.OpenTask;
import org.mhpathway.views.PathwayView.SlaTimer;
import org.mhpathway.sla.SlaBreaches;
import org.mhpathway.delay.DelayPeriodRecords;
import org.mhpathway.delay.DelayedDischargeQuery;
import org.mhpathway.system.ConsistentReads;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.NotFoundException;
import org.springframework.stereotype.Service;

/**
 * Reads one pathway across the register and every process instance that carries its business key, all from one
 * snapshot ({@link ConsistentReads}): while the pathway moves, the answer is the pathway at one moment, never a mix of
 * two, and never a failure because something read first was gone by the next query.
 */
@Service
public class PathwayQuery {

    /**
     * Attempts at a view: one, unless the database gives no snapshot (then an instance or task that ended between two
     * queries is met, and the view is read again, whole).
     */
    static final int ATTEMPTS = 3;

    private final PathwayRegister register;
    private final SlaBreaches breaches;
    private final PartnerNotifications notifications;
    private final CareTeam careTeam;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final ManagementService management;
    private final RepositoryService repository;
    private final DelayPeriodRecords delayPeriodRecords;
    private final ConsistentReads reads;
    private final WardTransfers transfers;
    private final EstimatedDischargeDates estimatedDischargeDates;

    public PathwayQuery(PathwayRegister register, SlaBreaches breaches, PartnerNotifications notifications,
                        CareTeam careTeam, RuntimeService runtime, TaskService tasks, ManagementService management,
                        RepositoryService repository, DelayPeriodRecords delayPeriodRecords, ConsistentReads reads,
                        WardTransfers transfers, EstimatedDischargeDates estimatedDischargeDates) {
        this.transfers = transfers;
        this.estimatedDischargeDates = estimatedDischargeDates;
        this.delayPeriodRecords = delayPeriodRecords;
        this.reads = reads;
        this.register = register;
        this.breaches = breaches;
        this.notifications = notifications;
        this.careTeam = careTeam;
        this.runtime = runtime;
        this.tasks = tasks;
        this.management = management;
        this.repository = repository;
    }

    public PathwayView view(String pathwayId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return reads.read(() -> read(pathwayId));
            } catch (NullValueException movedOn) {
                // an instance or task read first had ended by a later query: read the whole view again
                if (attempt >= ATTEMPTS) {
                    throw movedOn;
                }
            }
        }
    }

    private PathwayView read(String pathwayId) {
        PathwayRecord p = register.find(pathwayId)
                .orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
        List<ProcessInstance> instances = runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).list();
        Map<String, String> keyOfInstance = new HashMap<>();
        instances.forEach(pi -> keyOfInstance.put(pi.getId(), processKey(pi.getProcessDefinitionId())));

        return new PathwayView(p.pathwayId(), p.nhsNumber(), stage(p, instances, keyOfInstance), p.homeIcs(),
                p.wardType(), p.referralSource(),
                new Flags(p.learningDisabilityOrAutism(), p.outOfArea(), p.readmission()),
                new Dates(p.referredAt(), p.admittedAt(), p.keyStage1CompletedAt(), p.estimatedDischargeDate(),
                        p.crfdAt(), p.dischargedAt(), p.followUpCompletedAt(), p.gpSummarySentAt(), p.closedAt(),
                        p.diedAt()),
                openTasks(pathwayId, keyOfInstance), timers(instances, keyOfInstance),
                breaches.forPathway(pathwayId), careTeam(pathwayId), notifications.forPathway(pathwayId),
                delays(pathwayId), name(p), new PathwayView.Placement(p.ward(), p.hospital(), p.bed(),
                        transfers.forPathway(pathwayId).stream().map(PathwayView.Move::of).toList()),
                estimatedDischargeDates.forPathway(pathwayId));
    }

    private static PersonName name(PathwayRecord p) {
        if (p.givenNames() == null && p.familyName() == null) {
            return null;
        }
        return new PersonName(
                p.givenNames() == null ? List.of() : List.of(p.givenNames().split(" ")), p.familyName());
    }

    private PathwayView.Delays delays(String pathwayId) {
        var periods = delayPeriodRecords.forPathway(pathwayId);
        return new PathwayView.Delays(DelayedDischargeQuery.delayedDays(periods, EngineClock.now()), periods);
    }

    private List<CareTeamMember> careTeam(String pathwayId) {
        return careTeam.list(pathwayId).stream()
                .map(m -> new CareTeamMember(m.role().code(), m.partner().id(), m.partner().name())).toList();
    }

    private List<OpenTask> openTasks(String pathwayId, Map<String, String> keyOfInstance) {
        List<OpenTask> open = new ArrayList<>();
        for (Task t : tasks.createTaskQuery().processInstanceBusinessKey(pathwayId).orderByTaskCreateTime().asc().list()) {
            List<String> groups = tasks.getIdentityLinksForTask(t.getId()).stream()
                    .filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()) && l.getGroupId() != null)
                    .map(l -> l.getGroupId()).toList();
            open.add(new OpenTask(t.getId(), t.getTaskDefinitionKey(), t.getName(), t.getDescription(),
                    keyOfInstance.get(t.getProcessInstanceId()), groups, t.getCreateTime().toInstant(),
                    t.getDueDate() == null ? null : t.getDueDate().toInstant()));
        }
        return open;
    }

    private List<SlaTimer> timers(List<ProcessInstance> instances, Map<String, String> keyOfInstance) {
        List<SlaTimer> timers = new ArrayList<>();
        Map<String, String> activityOfJobDefinition = new HashMap<>();
        for (ProcessInstance pi : instances) {
            for (Job job : management.createJobQuery().processInstanceId(pi.getId()).timers().list()) {
                String activityId = activityOfJobDefinition.computeIfAbsent(job.getJobDefinitionId(), id -> {
                    JobDefinition d = management.createJobDefinitionQuery().jobDefinitionId(id).singleResult();
                    return d == null ? null : d.getActivityId();
                });
                FlowElement element = activityId == null ? null
                        : repository.getBpmnModelInstance(pi.getProcessDefinitionId()).getModelElementById(activityId);
                timers.add(new SlaTimer(job.getId(), activityId, element == null ? activityId : element.getName(),
                        keyOfInstance.get(pi.getId()), job.getDuedate() == null ? null : job.getDuedate().toInstant()));
            }
        }
        timers.sort(Comparator.comparing(SlaTimer::dueAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return timers;
    }

    private Stage stage(PathwayRecord p, List<ProcessInstance> instances, Map<String, String> keyOfInstance) {
        if (p.closedAt() != null) {
            return Stage.ofOutcome(p.outcome());
        }
        if (p.diedAt() != null) {
            // recorded; the pathway closes once the notices of the death are recorded
            return Stage.CLOSED_AFTER_DEATH;
        }
        Set<String> keys = Set.copyOf(keyOfInstance.values());
        if (keys.contains(PathwayProcesses.FollowUpAfterDischarge.KEY)) {
            return Stage.FOLLOW_UP;
        }
        if (keys.contains(HospitalDischarge.KEY)) {
            boolean delayed = instances.stream()
                    .filter(pi -> PlannedSupport.KEY.equals(keyOfInstance.get(pi.getId())))
                    .flatMap(pi -> runtime.getActiveActivityIds(pi.getId()).stream())
                    .anyMatch(PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE::equals);
            return delayed ? Stage.DELAYED_DISCHARGE : Stage.DISCHARGE;
        }
        if (keys.contains(PathwayProcesses.KeyStage1.KEY)) {
            return Stage.KEY_STAGE_1;
        }
        if (keys.contains(PathwayProcesses.InpatientStay.KEY)) {
            return Stage.KEY_STAGE_2;
        }
        Set<String> mainActivities = instances.stream()
                .filter(pi -> InpatientPathway.KEY.equals(keyOfInstance.get(pi.getId())))
                .flatMap(pi -> runtime.getActiveActivityIds(pi.getId()).stream()).collect(Collectors.toSet());
        // the pre-admission C(E)TR informs the decision, so it is part of the assessment (seed 004)
        return mainActivities.contains(InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION)
                || mainActivities.contains(InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR)
                || mainActivities.contains(InpatientPathway.SERVICE_CHECK_FOR_RECENT_DISCHARGE)
                ? Stage.ASSESSMENT : Stage.ADMISSION;
    }

    private String processKey(String processDefinitionId) {
        return repository.getProcessDefinition(processDefinitionId).getKey();
    }
}
