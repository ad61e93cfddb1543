package org.mhpathway.pathway;

import java.time.Instant;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.PartnerNoticeDelivery;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.IsoDateTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A death at any point of the pathway, as {@code inpatient-pathway}'s event subprocess <i>Person died</i> records it:
 * {@code ${pathwayDeaths.record(execution)}}. The interrupting start has already ended the pathway's own steps and
 * every process they called; this ends the work started beside the pathway (a housing escalation, a multi-agency
 * discharge event, a partner's decline waiting for the ward) and keeps the death in the register. Notices already
 * recorded are still delivered.
 */
@Component("pathwayDeaths")
public class PathwayDeaths {

    private static final Logger log = LoggerFactory.getLogger(PathwayDeaths.class);

    private final PathwayRegister register;
    private final RuntimeService runtime;
    private final SlaPolicy policy;

    public PathwayDeaths(PathwayRegister register, RuntimeService runtime, SlaPolicy policy) {
        this.register = register;
        this.runtime = runtime;
        this.policy = policy;
    }

    public void record(DelegateExecution execution) {
        String pathwayId = execution.getProcessBusinessKey();
        Instant diedAt = IsoDateTimes.toInstant(execution.getVariable(InpatientPathway.DIED_AT), policy.zone());
        register.recordDeath(pathwayId, diedAt, text(execution.getVariable(InpatientPathway.PLACE_OF_DEATH)),
                text(execution.getVariable(InpatientPathway.DEATH_NOTES)));
        // the pathway's own facts, as a discharge would leave them, unless the person had been discharged already
        if (execution.getVariable(PathwayVariables.DISCHARGED_AT) == null) {
            execution.setVariable(PathwayVariables.DISCHARGE_DESTINATION, InpatientPathway.DIED);
            if (execution.getVariable(PathwayVariables.ADMITTED_AT) != null) {
                execution.setVariable(PathwayVariables.DISCHARGED_AT, diedAt.toString());
            }
        }
        int ended = 0;
        for (ProcessInstance beside : runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).list()) {
            // the pathway's own called processes (same root) were ended by the interruption itself
            if (!execution.getProcessInstanceId().equals(beside.getRootProcessInstanceId())
                    && !PartnerNoticeDelivery.KEY.equals(beside.getProcessDefinitionKey())) {
                runtime.deleteProcessInstance(beside.getId(), "person died", true);
                ended++;
            }
        }
        log.info("Pathway {}: death recorded; {} process(es) beside the pathway ended", pathwayId, ended);
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
