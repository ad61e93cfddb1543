package org.mhpathway.admission;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/** Flags a referral that comes within 30 days of an earlier discharge of the same person. */
@Component
public class CheckForRecentDischargeDelegate implements JavaDelegate {

    private final ReadmissionCheck check;

    public CheckForRecentDischargeDelegate(ReadmissionCheck check) {
        this.check = check;
    }

    @Override
    public void execute(DelegateExecution execution) {
        var presentedAt = IsoDateTimes.toInstant(execution.getVariable(PRESENTED_AT), java.time.ZoneOffset.UTC);
        Optional<String> earlier = check.earlierPathway(execution.getProcessBusinessKey(),
                (String) execution.getVariable(NHS_NUMBER), presentedAt == null ? EngineClock.now() : presentedAt);
        execution.setVariable(READMISSION, earlier.isPresent());
        earlier.ifPresent(previous -> execution.setVariable(PREVIOUS_PATHWAY_ID, previous));
    }
}
