package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * What a called model is given: the pathway's facts, by name, and nothing else. Every call activity names this bean
 * ({@code camunda:variableMappingDelegateExpression="${pathwayFacts}"}) instead of copying all variables, so:
 * <ul>
 *   <li>a model whose tasks the discharge hub or housing work (planned support, the escalation ladders, a discharge
 *       event) never holds a clinical note: the free text of the clinical forms stays in the clinical model whose
 *       form recorded it, and the groups' variable permissions do the rest (docs/security.md);</li>
 *   <li>each instance holds the few variables its tasks, timers and notices read, not the whole pathway's (an
 *       instance once carried about 96);</li>
 *   <li>what a called model hands back is explicit: each call activity lists it with {@code camunda:out}.</li>
 * </ul>
 * The facts are identifiers and what Tasklist shows of whose task it is, flags, codes and dates: what the SLA policy
 * counts from ({@link org.mhpathway.pathway.SlaTimers}), what decides who is told ({@code NotificationEvent}), and what the
 * gateways of the called models test. A new fact a called model needs is added here.
 */
@Component("pathwayFacts")
public class PathwayFactsMapping implements DelegateVariableMapping {

    /** The pathway's facts. No free text from a form is among them. */
    public static final List<String> FACTS = List.of(
            // who and where: identifiers and whose task it is
            PATHWAY_ID, NHS_NUMBER, NHS_NUMBER_DISPLAY, PATIENT_NAME, DATE_OF_BIRTH, HOME_ICS, WARD_TYPE, WARD,
            HOSPITAL, BED, GP_PRACTICE_CODE, REFERRAL_SOURCE, PRESENTED_AT, PREVIOUS_PATHWAY_ID,
            // flags and codes
            LEARNING_DISABILITY_OR_AUTISM, EHC_PLAN, READMISSION, ADMITTED, "socialCareInvolved", OUT_OF_AREA,
            REPATRIATED, HOUSING_NEED, "delayFactors", "intendedDestination", CETR_HELD_BEFORE_ADMISSION,
            CLINICALLY_READY_FOR_DISCHARGE, DISCHARGE_POSSIBLE, "delayReason", "delayAttribution",
            "responsibleLocalAuthority", DISCHARGE_DESTINATION,
            // dates
            ADMITTED_AT, WARD_TYPE_SINCE, ESTIMATED_DISCHARGE_DATE, CRFD_AT, DISCHARGE_NOTICE_GIVEN_AT,
            PLANNED_DISCHARGE_AT,
            DISCHARGED_AT, "cetrHeldAt", "oversightVisitAt", FOLLOW_UP_COMPLETED_AT, GP_SUMMARY_SENT_AT,
            // the follow-up arranged before discharge: when, where, with whom (PATHWAY.md section 2, Key Stage 3)
            "followUpMeetingAt", "followUpLocation", "followUpWith", "crisisContactsGiven");

    /** The facts the scope holds, by name. */
    public static Map<String, Object> factsOf(VariableScope scope) {
        Map<String, Object> facts = new LinkedHashMap<>();
        for (String name : FACTS) {
            Object value = scope.getVariable(name);
            if (value != null) {
                facts.put(name, value);
            }
        }
        return facts;
    }

    @Override
    public void mapInputVariables(DelegateExecution superExecution, VariableMap subVariables) {
        factsOf(superExecution).forEach(subVariables::putIfAbsent);
    }

    @Override
    public void mapOutputVariables(DelegateExecution superExecution, VariableScope subInstance) {
        // what a called model hands back is named on its call activity (camunda:out)
    }
}
