package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.mhpathway.pathway.PathwayRegister.Milestones;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/**
 * Copies the key dates a step records into the pathway register. Each model names what its step records,
 * e.g. {@code ${pathwayMilestones.record(execution, 'admittedAt outOfArea')}} as an end listener, so a
 * stale copy of a variable in another called process never overwrites a newer value.
 */
@Component("pathwayMilestones")
public class PathwayMilestones {

    private static final Set<String> KNOWN = Set.of(ADMITTED_AT, KEY_STAGE_1_COMPLETED_AT, ESTIMATED_DISCHARGE_DATE,
            CRFD_AT, DISCHARGED_AT, DISCHARGE_DESTINATION, FOLLOW_UP_COMPLETED_AT, GP_SUMMARY_SENT_AT, OUT_OF_AREA);

    private final PathwayRegister register;
    private final SlaPolicy policy;

    public PathwayMilestones(PathwayRegister register, SlaPolicy policy) {
        this.register = register;
        this.policy = policy;
    }

    public void record(DelegateExecution execution, String names) {
        Set<String> wanted = Set.of(names.trim().split("\\s+"));
        for (String name : wanted) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("not a pathway milestone: " + name);
            }
        }
        var zone = policy.zone();
        java.util.function.Function<String, Object> value = n -> wanted.contains(n) ? execution.getVariable(n) : null;
        Object outOfArea = value.apply(OUT_OF_AREA);
        Object destination = value.apply(DISCHARGE_DESTINATION);
        register.recordMilestones(execution.getProcessBusinessKey(), new Milestones(
                IsoDateTimes.toInstant(value.apply(ADMITTED_AT), zone),
                IsoDateTimes.toInstant(value.apply(KEY_STAGE_1_COMPLETED_AT), zone),
                IsoDateTimes.toLocalDate(value.apply(ESTIMATED_DISCHARGE_DATE), zone),
                IsoDateTimes.toInstant(value.apply(CRFD_AT), zone),
                IsoDateTimes.toInstant(value.apply(DISCHARGED_AT), zone),
                destination == null ? null : destination.toString(),
                IsoDateTimes.toInstant(value.apply(FOLLOW_UP_COMPLETED_AT), zone),
                IsoDateTimes.toInstant(value.apply(GP_SUMMARY_SENT_AT), zone),
                outOfArea == null ? null : Boolean.valueOf(outOfArea.toString())));
    }
}
