package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.pathway.PathwayProcesses.SocialCareAssessment;

/** {@code inpatient-stay}: Key Stage 1 against its 72-hour clock, readiness for discharge, and the reviews alongside. */
class InpatientStayProcessTest extends ProcessTestCase {

    private ProcessInstance admitted() {
        return startCalledModel(InpatientStay.KEY, Map.of("admittedAt", iso(now()), "outOfArea", false,
                "readmission", false));
    }

    private ProcessInstance admitted(boolean socialCareInvolved) {
        return startCalledModel(InpatientStay.KEY, Map.of("admittedAt", iso(now()), "outOfArea", false,
                "readmission", false, "socialCareInvolved", socialCareInvolved));
    }

    /** PATHWAY.md section 2, Key Stage 1: all of it is due within 72 hours of admission. */
    @Test
    void keyStage1NotDoneWithin72HoursIsRecordedAsMissedAndPutBeforeTheWard() {
        Instant admittedAt = now();
        ProcessInstance stay = admitted();
        String id = stay.getBusinessKey();

        later(Duration.ofHours(72).minusMinutes(1));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);

        assertThat(stay).hasPassed(InpatientStay.TIMER_KEY_STAGE_1_OVERDUE)
                .isWaitingAt(InpatientStay.CALL_COMPLETE_KEY_STAGE_1, InpatientStay.CALL_RESPOND_TO_MISSED_KEY_STAGE_1);
        assertThat(breaches.forPathway(id)).singleElement().satisfies(b -> {
            assertThat(b.slaCode()).isEqualTo("key-stage-1");
            assertThat(b.dueAt()).isEqualTo(admittedAt.plus(Duration.ofHours(72)));
            assertThat(b.breachedAt()).isEqualTo(now());
            assertThat(b.responsibleGroup()).isEqualTo("ward-clinicians");
        });
        ProcessInstance response = instanceOf(id, SlaBreachResponse.KEY);
        assertThat(task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, response)).hasCandidateGroup("ward-clinicians")
                .hasName("Respond to missed deadline").hasDescription("Missed deadline: Key Stage 1 within 72 hours of admission");

        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of("breachResponse", "Care plan agreed today"));
        assertThat(stay).hasPassed(InpatientStay.END_KEY_STAGE_1_BREACH_HANDLED);
        assertThat(breaches.forPathway(id).get(0).response()).isEqualTo("Care plan agreed today");
    }

    @Test
    void keyStage1DoneInTimeStopsItsClockAndRecordsWhenItWasDone() {
        ProcessInstance stay = admitted();
        String id = stay.getBusinessKey();
        later(Duration.ofHours(50));
        completeKeyStage1(id);

        assertThat(stay).hasPassed(InpatientStay.CALL_COMPLETE_KEY_STAGE_1)
                .isWaitingAt(InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, InpatientStay.CALL_RUN_STAY_REVIEWS);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(stay.getId())
                .activityId(InpatientStay.TIMER_KEY_STAGE_1_OVERDUE).count()).isZero();
        later(Duration.ofDays(10));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();
        assertThat(register.find(id).orElseThrow().keyStage1CompletedAt()).isEqualTo(now().minus(Duration.ofDays(10)));
    }

    @Test
    void dischargeEndsTheStayAndStopsItsReviews() {
        ProcessInstance stay = admitted();
        String id = stay.getBusinessKey();
        completeKeyStage1(id);
        confirmClinicallyReady(id);
        assertThat(register.find(id).orElseThrow().crfdAt()).isEqualTo(now());
        ProcessInstance reviews = instanceOf(id, InpatientReviews.KEY);
        assertThat(reviews).isActive();

        dischargeWithSupportInPlace(id, "home");

        assertThat(stay).isEnded().hasPassed(InpatientStay.GATEWAY_PERSON_DISCHARGED, InpatientStay.END_DISCHARGED);
        assertThat(reviews).isEnded();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).isZero();
        assertThat(register.find(id).orElseThrow().dischargedAt()).isEqualTo(now());
    }

    @Test
    void personNoLongerClinicallyReadyWaitsForReadinessAgain() {
        ProcessInstance stay = admitted();
        String id = stay.getBusinessKey();
        completeKeyStage1(id);
        confirmClinicallyReady(id);
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "social-care", "delayAttribution", "social-care", "delayNotes", "Package not started"));
        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "no-longer-clinically-ready",
                "resolutionNotes", "Relapsed"));

        assertThat(stay).isWaitingAt(InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, InpatientStay.CALL_RUN_STAY_REVIEWS)
                .hasPassed(InpatientStay.GATEWAY_AWAIT_READINESS);
        assertThat(runtime.getVariable(stay.getId(), "clinicallyReadyForDischarge")).isEqualTo(false);

        confirmClinicallyReady(id);
        dischargeWithSupportInPlace(id, "home");
        assertThat(stay).isEnded();
    }

    /** Seed 004 (BLMK's discharge hub), PATHWAY.md section 5b: social care involved, its needs assessed within 72 hours. */
    @Test
    void socialCareInvolvedStartsTheHubsAssessmentBesideKeyStage1() {
        Instant admittedAt = now();
        ProcessInstance stay = admitted(true);
        String id = stay.getBusinessKey();

        assertThat(stay).hasPassed(InpatientStay.GATEWAY_SOCIAL_CARE_INVOLVED).isWaitingAt(
                InpatientStay.CALL_COMPLETE_KEY_STAGE_1, InpatientStay.CALL_RUN_STAY_REVIEWS,
                InpatientStay.CALL_ASSESS_SOCIAL_CARE_NEEDS);
        ProcessInstance assessment = instanceOf(id, SocialCareAssessment.KEY);
        Task hubTask = task(SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT, assessment);
        assertThat(hubTask).hasCandidateGroup("discharge-hub");
        assertThat(hubTask.getDueDate().toInstant()).isEqualTo(admittedAt.plus(Duration.ofHours(72)));
        assertThat(runtime.getVariable(assessment.getId(), "pathwayId")).isEqualTo(id);

        later(Duration.ofHours(20));
        complete(id, SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT, Map.of(
                SocialCareAssessment.SOCIAL_CARE_ASSESSED_AT, iso(now()),
                SocialCareAssessment.SOCIAL_CARE_NEEDS, "Carer breakdown at home"));
        assertThat(stay).hasPassed(InpatientStay.END_SOCIAL_CARE_NEEDS_ASSESSED)
                .isWaitingAt(InpatientStay.CALL_COMPLETE_KEY_STAGE_1, InpatientStay.CALL_RUN_STAY_REVIEWS);
    }

    @Test
    void noSocialCareInvolvedStartsNoSocialCareAssessment() {
        for (ProcessInstance stay : new ProcessInstance[] {admitted(false), admitted()}) {
            assertThat(stay).hasPassed(InpatientStay.GATEWAY_SOCIAL_CARE_INVOLVED,
                    InpatientStay.END_NO_SOCIAL_CARE_ASSESSMENT_NEEDED)
                    .hasNotPassed(InpatientStay.CALL_ASSESS_SOCIAL_CARE_NEEDS);
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(stay.getBusinessKey())
                    .processDefinitionKey(SocialCareAssessment.KEY).count()).isZero();
            assertThat(openTasks(stay.getBusinessKey(), SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT))
                    .isEmpty();
        }
    }

    /** The assessment is not a condition of discharge: a person discharged before it is recorded is discharged. */
    @Test
    void dischargeEndsAnAssessmentStillOpenAndItsMissedDeadlineResponse() {
        ProcessInstance stay = admitted(true);
        String id = stay.getBusinessKey();
        completeKeyStage1(id);
        later(Duration.ofHours(72));
        fireDueTimers(id);
        ProcessInstance assessment = instanceOf(id, SocialCareAssessment.KEY);
        assertThat(assessment).isWaitingAt(SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT,
                SocialCareAssessment.CALL_RESPOND_TO_MISSED_SOCIAL_CARE_ASSESSMENT);
        ProcessInstance response = instanceOf(id, SlaBreachResponse.KEY);

        confirmClinicallyReady(id);
        dischargeWithSupportInPlace(id, "home");

        assertThat(stay).isEnded().hasPassed(InpatientStay.END_DISCHARGED)
                .hasNotPassed(InpatientStay.END_SOCIAL_CARE_NEEDS_ASSESSED);
        assertThat(assessment).isEnded();
        assertThat(response).isEnded();
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).isZero();
        assertThat(register.find(id).orElseThrow().dischargedAt()).isEqualTo(now());
    }
}
