package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.SocialCareAssessment;

/** {@code inpatient-pathway}: one test per path (PATHWAY.md section 2). */
class InpatientPathwayProcessTest extends ProcessTestCase {

    @org.springframework.beans.factory.annotation.Autowired
    org.mhpathway.discharge.MultiAgencyDischargeEvents dischargeEvents;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    @Test
    void communityAlternativeEndsThePathwayWithTheCrisisTeamTold() {
        String id = refer("adult-acute", false);
        assertWaitingAt(instanceOf(id, InpatientPathway.KEY), InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION);

        assessAndDecide(id, false);

        ProcessInstance pathway = instanceOf(id, InpatientPathway.KEY);
        assertThat(pathway).isEnded().hasPassed(InpatientPathway.SERVICE_NOTIFY_CRISIS_TEAM_OF_COMMUNITY_ALTERNATIVE,
                InpatientPathway.END_COMMUNITY_ALTERNATIVE_ARRANGED);
        assertThat(notifications.forPathway(id)).extracting(n -> n.recipientRole())
                .containsExactlyInAnyOrder("crisis-team", "gp-practice");
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.outcome()).isEqualTo("community-alternative");
        assertThat(record.closedAt()).isEqualTo(now());
        assertThat(register.openPathwayOf(record.nhsNumber())).isEmpty();
    }

    /** Work started beside the pathway that only makes sense while it is open is withdrawn when it closes. */
    @Test
    void closingThePathwayWithdrawsItsHousingEscalationAndDischargeEvent() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        complete(id, PathwayProcesses.KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-03-30",
                "intendedDestination", "home", "housingNeed", true, "housingNeedDetails", "Tenancy lost"));
        dischargeEvents.convene(id, "complex discharge", java.util.List.of("community-mh-team"));
        ProcessInstance housing = instanceOf(id, PathwayProcesses.HousingEscalation.KEY);
        ProcessInstance made = instanceOf(id, PathwayProcesses.MultiAgencyDischargeEvent.KEY);
        assertThat(housing).isActive();
        assertThat(made).isActive();

        runtime.deleteProcessInstance(instanceOf(id, InpatientPathway.KEY).getId(), "referral withdrawn");

        assertThat(register.find(id).orElseThrow().outcome()).isEqualTo("cancelled");
        for (ProcessInstance beside : java.util.List.of(housing, made)) {
            assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(beside.getId()).singleResult()
                    .getDeleteReason()).isEqualTo("pathway closed: cancelled");
        }
    }

    /** Seed 004: the pre-admission C(E)TR is held "to support this decision", so it comes before the decision. */
    @Test
    void personWithLearningDisabilityHasAPreAdmissionCetrBeforeTheAdmissionDecision_seed004() {
        String id = refer("learning-disability-and-autism", true);
        ProcessInstance pathway = instanceOf(id, InpatientPathway.KEY);
        assertWaitingAt(pathway, InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR);
        assertThat(task(InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR, pathway)).hasCandidateGroup("managers");
        assertThat(openTasks(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION)).isEmpty();

        complete(id, InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR, Map.of("cetrHeldBeforeAdmission", true,
                "cetrHeldAt", iso(now()), "cetrRecommendations", "Admit for assessment; quiet room"));

        assertWaitingAt(pathway, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION);
        assertThat(tasks.getVariableLocal(openTasks(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION)
                .get(0).getId(), "cetrFindings")).asString().contains("Admit for assessment; quiet room");
        assessAndDecide(id, true);
        assertWaitingAt(pathway, InpatientPathway.TASK_ALLOCATE_BED);
    }

    /** The C(E)TR's recommendations come back when the care plan is agreed and discharge planned (seed 004). */
    @Test
    void preAdmissionCetrRecommendationsReturnAtCarePlanAndDischargePlanning_seed004() {
        String id = refer("learning-disability-and-autism", true);
        complete(id, InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR, Map.of("cetrHeldBeforeAdmission", true,
                "cetrHeldAt", iso(now()), "cetrRecommendations", "Community placement with adjustments"));
        assessAndDecide(id, true);
        allocateBed(id, false);

        for (String step : java.util.List.of(PathwayProcesses.KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN,
                PathwayProcesses.KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING)) {
            assertThat(tasks.getVariableLocal(openTasks(id, step).get(0).getId(), "cetrFindings")).asString()
                    .startsWith("C(E)TR held on ").contains("Community placement with adjustments");
        }
    }

    /** Where the C(E)TR cannot be held first, the person is admitted and the 28-day rule runs (PATHWAY.md section 2). */
    @Test
    void cetrNotHeldBeforeAdmissionStillLetsThePersonBeAdmittedAndIsDueWithin28Days() {
        String id = refer("learning-disability-and-autism", true);
        complete(id, InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR, Map.of("cetrHeldBeforeAdmission", false,
                "cetrNotHeldReason", "Crisis out of hours; panel not available."));
        assertThat(tasks.getVariableLocal(openTasks(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION)
                .get(0).getId(), "cetrFindings")).asString().contains("panel not available");
        assessAndDecide(id, true);
        allocateBed(id, false);

        assertThat(openTasks(id, PathwayProcesses.InpatientReviews.TASK_HOLD_CETR_WITHIN28_DAYS)).hasSize(1);
    }

    /** Without a learning disability or autism no C(E)TR applies, and the decision shows none. */
    @Test
    void noPreAdmissionCetrWithoutLearningDisabilityOrAutism() {
        String id = refer("adult-acute", false);
        ProcessInstance pathway = instanceOf(id, InpatientPathway.KEY);
        assertWaitingAt(pathway, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION);
        assertThat(pathway).hasNotPassed(InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR);
        assertThat(tasks.getVariableLocal(openTasks(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION)
                .get(0).getId(), "cetrFindings")).isNull();
    }

    @Test
    void outOfAreaBedIsFlaggedAndTheCommissionerTold() {
        String id = refer("picu", false);
        assessAndDecide(id, true);
        ProcessInstance pathway = instanceOf(id, InpatientPathway.KEY);
        assertThat(pathway).hasNotPassed(InpatientPathway.TASK_HOLD_PRE_ADMISSION_CETR);

        allocateBed(id, true);

        assertThat(pathway).hasPassed(InpatientPathway.SERVICE_NOTIFY_COMMISSIONER_OF_OUT_OF_AREA_PLACEMENT);
        assertWaitingAt(pathway, InpatientPathway.CALL_INPATIENT_STAY);
        // the commissioner is told of the placement; the GP and community team of the admission (no social care here)
        assertThat(notifications.forPathway(id)).extracting(n -> n.event() + "/" + n.recipientRole())
                .containsExactlyInAnyOrder("out-of-area-placement/commissioner", "admitted/gp-practice",
                        "admitted/community-mh-team");
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.outOfArea()).isTrue();
        assertThat(record.admittedAt()).isEqualTo(now());
    }

    /**
     * Issue 13 (item 2, "the register holds ward and hospital"); PATHWAY.md section 5 counts by ward and section 5b
     * tells out-of-area placements by where they are: the bed allocation's ward, hospital and bed are kept in the
     * pathway register and on the out-of-area episode, and the pathway view shows them.
     */
    @Test
    void bedAllocationRecordsWardHospitalAndBedInTheRegisterAndOnTheOutOfAreaEpisode() throws Exception {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        complete(id, InpatientPathway.TASK_ALLOCATE_BED, Map.of("ward", "Ward 3", "hospital", "Cheadle Royal Hospital",
                "bed", "B12", "admittedAt", iso(now()), "outOfArea", true, "outOfAreaReason", "No bed in area"));

        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.ward()).isEqualTo("Ward 3");
        assertThat(record.hospital()).isEqualTo("Cheadle Royal Hospital");
        assertThat(record.bed()).isEqualTo("B12");
        assertThat(jdbc.sql("select ward, hospital from out_of_area_placement where pathway_id = ?").param(id)
                .query((rs, row) -> rs.getString("ward") + " / " + rs.getString("hospital")).list())
                .containsExactly("Ward 3 / Cheadle Royal Hospital");
        mvc.perform(get("/api/pathways/" + id)).andExpect(status().isOk())
                .andExpect(jsonPath("$.placement.ward").value("Ward 3"))
                .andExpect(jsonPath("$.placement.hospital").value("Cheadle Royal Hospital"))
                .andExpect(jsonPath("$.placement.bed").value("B12"));
    }

    /**
     * The local authority hears of an admission only when social care is involved (PATHWAY.md section 1), and the
     * discharge hub assesses the social care needs within 72 hours (section 5b; seed 004, BLMK's discharge hub).
     */
    @Test
    void admissionWithSocialCareInvolvedAlsoTellsTheLocalAuthorityAndAsksTheHubToAssessSocialCareNeeds() {
        String id = refer("adult-acute", false);
        complete(id, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, Map.of("presentingNeeds", "Self-neglect",
                "advanceChoicesReviewed", true, "risksIdentified", "Cannot manage at home", "admitted", true,
                "socialCareInvolved", true));
        allocateBed(id, false);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event() + "/" + n.recipientRole())
                .containsExactlyInAnyOrder("admitted/gp-practice", "admitted/community-mh-team", "admitted/local-authority");
        assertThat(openTasks(id, SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT)).singleElement()
                .satisfies(t -> assertThat(t.getDueDate().toInstant()).isEqualTo(now().plus(Duration.ofHours(72))));
    }

    @Test
    void completesWhenFollowUpAndGpSummaryAreDone() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        ProcessInstance pathway = instanceOf(id, InpatientPathway.KEY);
        assertThat(pathway).hasPassed(InpatientPathway.GATEWAY_PLACEMENT_RECORDED)
                .hasNotPassed(InpatientPathway.SERVICE_NOTIFY_COMMISSIONER_OF_OUT_OF_AREA_PLACEMENT);
        completeKeyStage1(id);
        later(Duration.ofDays(20));
        confirmClinicallyReady(id);
        dischargeWithSupportInPlace(id, "home");
        assertWaitingAt(pathway, InpatientPathway.CALL_FOLLOW_UP_AFTER_DISCHARGE);

        later(Duration.ofHours(30));
        completeFollowUp(id, false);
        sendGpSummary(id);

        assertThat(pathway).isEnded().hasPassed(InpatientPathway.END_PATHWAY_COMPLETED);
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.outcome()).isEqualTo("completed");
        assertThat(record.dischargeDestination()).isEqualTo("home");
        assertThat(record.followUpCompletedAt()).isEqualTo(now());
        assertThat(breaches.forPathway(id)).isEmpty();
    }

    /**
     * A death is recorded when it happens ({@link PersonDiedProcessTest}), not as a destination of the discharge: the
     * form of Record discharge, and the service behind it, no longer offer "died".
     */
    @Test
    void diedIsNotADischargeDestination() {
        String id = refer("older-adult", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        completeKeyStage1(id);
        confirmClinicallyReady(id);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dischargeWithSupportInPlace(id, "died"))
                .isInstanceOf(org.mhpathway.forms.InvalidTaskValuesException.class)
                .hasMessageContaining("dischargeDestination");
        assertThat(openTasks(id, PathwayProcesses.HospitalDischarge.TASK_RECORD_DISCHARGE)).hasSize(1);
        assertThat(register.find(id).orElseThrow().closedAt()).isNull();
    }

    /** PATHWAY.md section 2, Key Stage 3: readmission within 30 days of discharge is flagged. */
    @Test
    void referralWithin30DaysOfDischargeIsFlaggedAsReadmission() {
        String nhsNumber = newNhsNumber();
        String first = refer(nhsNumber, "1970-02-02", false, false, "adult-acute");
        walkToCompletedFollowUp(first);

        later(Duration.ofDays(29));
        String second = refer(nhsNumber, "1970-02-02", false, false, "adult-acute");

        assertThat(register.find(second).orElseThrow().readmission()).isTrue();
        assertThat(runtime.getVariable(instanceOf(second, InpatientPathway.KEY).getId(), "previousPathwayId"))
                .isEqualTo(first);
    }

    @Test
    void referralMoreThan30DaysAfterDischargeIsNotAReadmission() {
        String nhsNumber = newNhsNumber();
        String first = refer(nhsNumber, "1970-02-02", false, false, "adult-acute");
        walkToCompletedFollowUp(first);

        later(Duration.ofDays(31));
        String second = refer(nhsNumber, "1970-02-02", false, false, "adult-acute");

        assertThat(register.find(second).orElseThrow().readmission()).isFalse();
        assertThat(runtime.getVariable(instanceOf(second, InpatientPathway.KEY).getId(), "readmission")).isEqualTo(false);
    }

    @Test
    void clinicalReadinessWaitsUntilKeyStage1IsDone() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        assertThat(openTasks(id, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE)).isEmpty();
        completeKeyStage1(id);
        assertThat(openTasks(id, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE)).hasSize(1);
    }
}
