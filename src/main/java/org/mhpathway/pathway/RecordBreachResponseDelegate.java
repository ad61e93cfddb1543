package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.sla.SlaBreaches;
import org.mhpathway.system.EngineClock;
import org.springframework.stereotype.Component;

/** Records what the responsible group did about a missed deadline. */
@Component
public class RecordBreachResponseDelegate implements JavaDelegate {

    private final SlaBreaches breaches;

    public RecordBreachResponseDelegate(SlaBreaches breaches) {
        this.breaches = breaches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long id = ((Number) execution.getVariable(SLA_BREACH_ID)).longValue();
        breaches.respond(id, (String) execution.getVariable(BREACH_RESPONSE), EngineClock.now());
    }
}
