package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.time.Instant;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.mhpathway.pathway.PathwayRegister.Milestones;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/**
 * Copies the key dates a step records into the pathway register. Each model names what its step records,
 * e.g. {@code ${pathwayMilestones.record(execution, 'admittedAt outOfArea')}} as an end listener, so a
 * stale copy of a variable in another called process never overwrites a newer value.
 */
@Component("pathwayMilestones")
public class PathwayMilestones {

    private static final Set<String> KNOWN = Set.of(ADMITTED_AT, ESTIMATED_DISCHARGE_DATE, CRFD_AT, DISCHARGED_AT,
            DISCHARGE_DESTINATION, FOLLOW_UP_COMPLETED_AT, GP_SUMMARY_SENT_AT, OUT_OF_AREA, WARD, HOSPITAL, BED,
            DISCHARGE_NOTICE_GIVEN_AT);

    private final PathwayRegister register;
    private final OutOfAreaPlacements placements;
    private final SlaPolicy policy;
    private final EstimatedDischargeDates estimatedDischargeDates;

    public PathwayMilestones(PathwayRegister register, OutOfAreaPlacements placements, SlaPolicy policy,
                             EstimatedDischargeDates estimatedDischargeDates) {
        this.register = register;
        this.placements = placements;
        this.policy = policy;
        this.estimatedDischargeDates = estimatedDischargeDates;
    }

    /** Key Stage 1 is complete: stamps the time, which the 72-hour indicator counts from (PATHWAY.md section 5). */
    public void keyStage1Completed(DelegateExecution execution) {
        if (execution.isCanceled()) {
            return;
        }
        register.recordMilestones(execution.getProcessBusinessKey(),
                new Milestones(null, EngineClock.now(), null, null, null, null, null, null, null));
    }

    /**
     * Records the named variables. A step cancelled rather than completed (the stay ended by a discharge or a death)
     * records nothing: end listeners also run on cancellation, and what the step did not record is not a milestone.
     */
    public void record(DelegateExecution execution, String names) {
        if (execution.isCanceled()) {
            return;
        }
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
        String pathwayId = execution.getProcessBusinessKey();
        Instant admittedAt = IsoDateTimes.toInstant(value.apply(ADMITTED_AT), zone);
        Instant dischargedAt = IsoDateTimes.toInstant(value.apply(DISCHARGED_AT), zone);
        if (wanted.contains(ESTIMATED_DISCHARGE_DATE)) {
            // kept with the one it replaces before the register holds only the new one
            estimatedDischargeDates.recorded(execution,
                    IsoDateTimes.toLocalDate(value.apply(ESTIMATED_DISCHARGE_DATE), zone));
        }
        register.recordMilestones(pathwayId, new Milestones(
                admittedAt,
                null,
                IsoDateTimes.toLocalDate(value.apply(ESTIMATED_DISCHARGE_DATE), zone),
                IsoDateTimes.toInstant(value.apply(CRFD_AT), zone),
                dischargedAt,
                destination == null ? null : destination.toString(),
                IsoDateTimes.toInstant(value.apply(FOLLOW_UP_COMPLETED_AT), zone),
                IsoDateTimes.toInstant(value.apply(GP_SUMMARY_SENT_AT), zone),
                outOfArea == null ? null : Boolean.valueOf(outOfArea.toString()),
                text(value.apply(WARD)), text(value.apply(HOSPITAL)), text(value.apply(BED)),
                IsoDateTimes.toInstant(value.apply(DISCHARGE_NOTICE_GIVEN_AT), zone)));
        // the out-of-area episode (PATHWAY.md section 5b): the bed allocated out of area starts it, from admission;
        // discharge ends it, and so does a move back into the home ICS (WardTransfers)
        if (wanted.contains(OUT_OF_AREA) && outOfArea != null && Boolean.parseBoolean(outOfArea.toString())) {
            placements.start(pathwayId, text(value.apply(WARD)), text(value.apply(HOSPITAL)),
                    admittedAt != null ? admittedAt : EngineClock.now());
        }
        if (dischargedAt != null) {
            placements.end(pathwayId, dischargedAt, OutOfAreaPlacements.DISCHARGED);
        }
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
