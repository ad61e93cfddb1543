package org.mhpathway.pathway;

import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Closes the register entry when an inpatient pathway ends, however it ends, so the person can be referred again. */
@Component
public class PathwayClosedListener implements ExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(PathwayClosedListener.class);
    private static final Map<String, String> OUTCOMES = Map.of(
            InpatientPathway.END_PATHWAY_COMPLETED, "completed",
            InpatientPathway.END_COMMUNITY_ALTERNATIVE_ARRANGED, "community-alternative",
            InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH, "died");

    private final PathwayRegister register;

    public PathwayClosedListener(PathwayRegister register) {
        this.register = register;
    }

    @Override
    public void notify(DelegateExecution execution) {
        String outcome = execution.isCanceled() ? "cancelled"
                : OUTCOMES.getOrDefault(execution.getCurrentActivityId(), "cancelled");
        register.close(execution.getProcessBusinessKey(), outcome, EngineClock.now());
        log.info("Pathway {} closed: {}", execution.getProcessBusinessKey(), outcome);
    }
}
