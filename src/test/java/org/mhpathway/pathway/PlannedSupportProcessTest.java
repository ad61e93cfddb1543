package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;

/**
 * {@code planned-support}: one test per path (PATHWAY.md section 2, Key Stage 3, and section 3). Started as the
 * discharge calls it, so each test also shows what the discharge does with the answer.
 */
class PlannedSupportProcessTest extends ProcessTestCase {

    private static final Duration DELAY_REVIEW_INTERVAL = Duration.ofDays(3);

    /** The discharge hub confirms the support; with it in place the discharge goes ahead at once. */
    @Test
    void supportInPlaceHandsBackAtOnceWithoutADelay() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        ProcessInstance support = instanceOf(id, PlannedSupport.KEY);
        assertWaitingAt(support, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE);
        assertThat(task(PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, support)).hasCandidateGroup("discharge-hub");

        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));

        assertThat(support).isEnded().hasPassed(PlannedSupport.GATEWAY_DISCHARGE_POSSIBLE,
                PlannedSupport.GATEWAY_SUPPORT_IN_PLACE, PlannedSupport.END_PLANNED_SUPPORT_IN_PLACE)
                .hasNotPassed(PlannedSupport.SUBPROCESS_DELAYED_DISCHARGE);
        assertWaitingAt(discharge, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN);
    }

    /** The model the discharge hub works is given the pathway's facts and never a clinical note (docs/security.md). */
    @Test
    void holdsThePathwaysFactsAndNoClinicalNote() {
        ProcessInstance discharge = startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()),
                "clinicallyReadyForDischarge", true, "crfdRationale", "Mental state settled for two weeks",
                "patientName", "Jane Smith", "nhsNumberDisplay", "999 000 0018", "ward", "Ward 1"));
        ProcessInstance support = instanceOf(discharge.getBusinessKey(), PlannedSupport.KEY);

        Map<String, Object> held = runtime.getVariables(support.getId());
        assertThat(held).containsEntry("patientName", "Jane Smith").containsEntry("nhsNumberDisplay", "999 000 0018")
                .containsEntry("ward", "Ward 1").containsEntry("homeIcs", "QJ2").doesNotContainKey("crfdRationale");
        assertThat(held.keySet()).isSubsetOf(PathwayFactsMapping.FACTS);
    }

    /** PATHWAY.md sections 2 (Key Stage 3) and 3: a delayed discharge is reviewed every 3 days until support is in place. */
    @Test
    void delayedDischargeIsReviewedEvery3DaysUntilSupportIsInPlace() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        confirmDelayed(id);
        ProcessInstance support = instanceOf(id, PlannedSupport.KEY);
        assertThat(support).hasPassed(PlannedSupport.GATEWAY_DISCHARGE_POSSIBLE)
                .hasNotPassed(PlannedSupport.GATEWAY_SUPPORT_IN_PLACE);
        assertWaitingAt(support, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE);
        assertThat(task(PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, support)).hasCandidateGroup("discharge-hub");

        later(DELAY_REVIEW_INTERVAL.minusMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE)).isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE)).hasSize(1);
        assertThat(task(PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE, support)).hasCandidateGroup("discharge-hub");
        assertWaitingAt(support, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE,
                PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE);

        later(DELAY_REVIEW_INTERVAL.minusMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE)).hasSize(1);

        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        List<Task> reviews = openTasks(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE);
        assertThat(reviews).hasSize(2);
        assertThat(openTasks(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE)).hasSize(1);

        for (Task review : reviews) {
            tasks.complete(review.getId(), Map.of("delayReason", "housing", "delayAttribution", "social-care",
                    "responsibleLocalAuthority", "Derby City Council", "delayReviewNotes", "Awaiting tenancy sign-up"));
        }
        assertThat(support).hasPassed(PlannedSupport.END_DELAYED_DISCHARGE_REVIEWED);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(support.getId())
                .activityId(PlannedSupport.END_DELAYED_DISCHARGE_REVIEWED).count()).isEqualTo(2);

        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Tenancy signed"));

        assertThat(support).isEnded().hasPassed(PlannedSupport.GATEWAY_STILL_CLINICALLY_READY,
                PlannedSupport.GATEWAY_SUPPORT_IN_PLACE, PlannedSupport.END_PLANNED_SUPPORT_IN_PLACE);
        assertThat(historicVariable(support, "dischargePossible")).isEqualTo(true);
        assertWaitingAt(discharge, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN);
        assertThat(runtime.getVariable(discharge.getId(), "clinicallyReadyForDischarge")).isEqualTo(true);

        // no more reviews once the delay is resolved
        later(DELAY_REVIEW_INTERVAL.multipliedBy(2));
        fireDueTimers(id);
        assertThat(openTasks(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE)).isEmpty();
    }

    @Test
    void delayedDischargeEndsWhenThePersonIsNoLongerClinicallyReady() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        confirmDelayed(id);
        ProcessInstance support = instanceOf(id, PlannedSupport.KEY);
        later(Duration.ofDays(1));

        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "no-longer-clinically-ready",
                "resolutionNotes", "Relapse; treatment resumed"));

        assertThat(support).isEnded().hasPassed(PlannedSupport.GATEWAY_STILL_CLINICALLY_READY,
                PlannedSupport.END_NO_LONGER_CLINICALLY_READY).hasNotPassed(PlannedSupport.GATEWAY_SUPPORT_IN_PLACE,
                PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE);
        assertThat(historicVariable(support, "clinicallyReadyForDischarge")).isEqualTo(false);
        assertThat(historicVariable(support, "dischargePossible")).isEqualTo(false);
        assertThat(discharge).isEnded().hasPassed(HospitalDischarge.END_NO_LONGER_CLINICALLY_READY);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).containsOnly("delayed-discharge");
        assertThat(register.find(id).orElseThrow().dischargedAt()).isNull();
    }

    /**
     * PATHWAY.md section 3: a delayed discharge is made known to the community team and the commissioner, to the
     * local authority when social care owns the delay and to the housing authority when it waits on housing.
     */
    @Test
    void delayedDischargeTellsThePartiesTheDelayConcerns() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        confirmDelayed(id);
        ProcessInstance support = instanceOf(id, PlannedSupport.KEY);
        assertThat(support).hasPassed(PlannedSupport.SERVICE_NOTIFY_SERVICES_OF_DELAYED_DISCHARGE);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event() + "/" + n.recipientRole())
                .containsExactlyInAnyOrder("delayed-discharge/community-mh-team", "delayed-discharge/commissioner",
                        "delayed-discharge/local-authority", "delayed-discharge/housing-authority");

        ProcessInstance nhsDelay = startDischarge();
        String other = nhsDelay.getBusinessKey();
        complete(other, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "other-nhs-service", "delayAttribution", "nhs", "delayNotes", "Awaiting a rehabilitation bed"));
        assertThat(notifications.forPathway(other)).extracting(n -> n.recipientRole())
                .containsExactlyInAnyOrder("community-mh-team", "commissioner");
    }

    /** A review still open when the delay is resolved is withdrawn: it must not hold up the discharge. */
    @Test
    void reviewStillOpenWhenTheDelayIsResolvedIsWithdrawnAndDischargeGoesAhead() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        confirmDelayed(id);
        ProcessInstance support = instanceOf(id, PlannedSupport.KEY);
        later(DELAY_REVIEW_INTERVAL);
        fireDueTimers(id);
        assertThat(openTasks(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE)).hasSize(1);

        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "support-in-place",
                "resolutionNotes", "Care package starts Monday"));

        assertThat(openTasks(id, PlannedSupport.TASK_REVIEW_DELAYED_DISCHARGE)).isEmpty();
        assertThat(support).hasPassed(PlannedSupport.END_DELAY_RESOLVED);
        giveNoticeAndDischarge(id, "home");
        assertThat(discharge).isEnded().hasPassed(HospitalDischarge.END_DISCHARGED);
    }

    private ProcessInstance startDischarge() {
        return startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()), "clinicallyReadyForDischarge", true));
    }

    private void confirmDelayed(String id) {
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "housing", "delayAttribution", "social-care",
                "responsibleLocalAuthority", "Derby City Council", "delayNotes", "Tenancy lost during admission"));
    }

    private Object historicVariable(ProcessInstance instance, String name) {
        return history.createHistoricVariableInstanceQuery().processInstanceId(instance.getId()).variableName(name)
                .singleResult().getValue();
    }
}
