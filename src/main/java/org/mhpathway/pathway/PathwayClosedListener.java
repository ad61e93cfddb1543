package org.mhpathway.pathway;

import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Closes the register entry when an inpatient pathway ends, however it ends, so the person can be referred again,
 * and withdraws the work started beside it that only makes sense while the pathway is open: a housing escalation
 * or a multi-agency discharge event still running. Notice deliveries are left to finish.
 */
@Component
public class PathwayClosedListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PathwayClosedListener.class);
    private static final Map<String, String> OUTCOMES = Map.of(
            InpatientPathway.END_PATHWAY_COMPLETED, "completed",
            InpatientPathway.END_COMMUNITY_ALTERNATIVE_ARRANGED, "community-alternative",
            InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH, "died",
            InpatientPathway.SUBPROCESS_PERSON_DIED, "died");

    private static final Set<String> WITHDRAWN_AT_CLOSE = Set.of(PathwayProcesses.HousingEscalation.KEY,
            PathwayProcesses.MultiAgencyDischargeEvent.KEY);

    private final PathwayRegister register;
    private final OutOfAreaPlacements placements;
    private final RuntimeService runtime;

    public PathwayClosedListener(PathwayRegister register, OutOfAreaPlacements placements, RuntimeService runtime) {
        this.register = register;
        this.placements = placements;
        this.runtime = runtime;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String outcome = execution.isCanceled() ? "cancelled"
                : OUTCOMES.getOrDefault(execution.getCurrentActivityId(), "cancelled");
        String pathwayId = execution.getProcessBusinessKey();
        register.close(pathwayId, outcome, EngineClock.now());
        placements.end(pathwayId, EngineClock.now(), OutOfAreaPlacements.PATHWAY_CLOSED);
        for (ProcessInstance beside : runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).list()) {
            if (WITHDRAWN_AT_CLOSE.contains(beside.getProcessDefinitionKey())) {
                runtime.deleteProcessInstance(beside.getId(), "pathway closed: " + outcome);
            }
        }
        log.info("Pathway {} closed: {}", pathwayId, outcome);
    }
}
