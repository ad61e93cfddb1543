package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.time.Instant;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.sla.PathwayFacts;
import org.mhpathway.sla.Sla;
import org.mhpathway.sla.SlaBreaches;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Records a missed deadline and says which group must respond to it. */
@Component
public class RecordSlaBreachDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(RecordSlaBreachDelegate.class);

    private final SlaPolicy policy;
    private final SlaTimers timers;
    private final SlaBreaches breaches;

    public RecordSlaBreachDelegate(SlaPolicy policy, SlaTimers timers, SlaBreaches breaches) {
        this.policy = policy;
        this.timers = timers;
        this.breaches = breaches;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String code = (String) execution.getVariable(SLA_CODE);
        PathwayFacts facts = timers.facts(execution);
        Sla sla = policy.sla(code, facts);
        Instant dueAt = sla.repeating() ? repeatDueAt(execution, sla) : policy.dueAt(code, facts);
        String pathwayId = execution.getProcessBusinessKey();
        long id = breaches.record(pathwayId, sla, dueAt, EngineClock.now());
        execution.setVariableLocal(SLA_BREACH_ID, id);
        execution.setVariableLocal(SLA_NAME, sla.name());
        execution.setVariableLocal(RESPONSIBLE_GROUP, sla.responsibleGroup());
        execution.setVariableLocal(SLA_DUE_AT, dueAt.toString());
        log.warn("Pathway {}: deadline '{}' missed (due {}); {} asked to respond", pathwayId, sla.code(), dueAt,
                sla.responsibleGroup());
    }

    /** A repeating review has no single due date in the policy: the model that calls this one says which was missed. */
    private Instant repeatDueAt(DelegateExecution execution, Sla sla) {
        Instant dueAt = IsoDateTimes.toInstant(execution.getVariable(SLA_DUE_AT), policy.zone());
        if (dueAt == null) {
            throw new IllegalStateException("SLA '" + sla.code() + "' repeats: the missed review's '" + SLA_DUE_AT
                    + "' must be given");
        }
        return dueAt;
    }
}
