package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;

/** {@code hospital-discharge}: one test per path (PATHWAY.md section 2, Key Stage 3, and section 3). */
class HospitalDischargeProcessTest extends ProcessTestCase {

    private static final Duration NOTICE_PERIOD = Duration.ofHours(48);

    /**
     * PATHWAY.md section 2, Key Stage 3: at least 48 hours' notice of discharge to every service involved; the
     * discharge cannot be recorded before the 48 hours have passed, while risk assessment and follow-up
     * arrangements are made in parallel.
     */
    @Test
    void personIsDischargedNoSoonerThan48HoursAfterNoticeToEveryServiceInvolved() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        assertWaitingAt(discharge, HospitalDischarge.CALL_ARRANGE_PLANNED_SUPPORT);
        ProcessInstance support = instanceOf(id, PlannedSupport.KEY);
        assertWaitingAt(support, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE);

        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        assertThat(support).isEnded().hasPassed(PlannedSupport.END_PLANNED_SUPPORT_IN_PLACE);
        assertThat(discharge).hasPassed(HospitalDischarge.CALL_ARRANGE_PLANNED_SUPPORT,
                HospitalDischarge.GATEWAY_STILL_CLINICALLY_READY);
        assertWaitingAt(discharge, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN);
        assertThat(task(HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, discharge)).hasCandidateGroup("ward-clinicians");

        complete(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT care coordinator weekly",
                "estimatedDischargeDate", "2026-03-06", "eddChangeReason", "Date agreed with the community team"));
        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).isEqualTo(LocalDate.parse("2026-03-06"));
        assertWaitingAt(discharge, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE);
        assertThat(task(HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, discharge)).hasCandidateGroup("ward-clinicians");

        // completed as the Tasklist does: the notices are a job of their own, not part of the clinician's transaction
        Instant noticeGivenAt = now();
        tasks.complete(onlyTask(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE).getId(), Map.of(
                "dischargeNoticeGivenAt", iso(noticeGivenAt), "plannedDischargeAt", iso(noticeGivenAt.plus(NOTICE_PERIOD)),
                "noticeGivenTo", noticeGivenTo()));
        assertWaitingAt(discharge, HospitalDischarge.SERVICE_NOTIFY_SERVICES_OF_PLANNED_DISCHARGE);
        assertThat(notifications.forPathway(id)).isEmpty();

        fireDueTimers(id);
        assertThat(notifications.forPathway(id))
                .extracting(PartnerNotification::event, PartnerNotification::recipientRole)
                .containsExactlyInAnyOrder(
                        tuple("discharge-notice", "community-mh-team"),
                        tuple("discharge-notice", "crisis-team"),
                        tuple("discharge-notice", "gp-practice"),
                        tuple("discharge-notice", "local-authority"),
                        tuple("discharge-notice", "housing-authority"));
        assertThat(notifications.forPathway(id)).extracting(PartnerNotification::recordedAt).containsOnly(noticeGivenAt);
        assertWaitingAt(discharge, HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
        assertThat(task(HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, discharge)).hasCandidateGroup("ward-clinicians");

        later(Duration.ofHours(6));
        prepareForDischarge(id);
        assertThat(discharge).hasPassed(HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
        assertWaitingAt(discharge, HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED);

        later(Duration.between(now(), noticeGivenAt.plus(NOTICE_PERIOD)).minusMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, HospitalDischarge.TASK_RECORD_DISCHARGE)).as("47h59m after notice").isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, HospitalDischarge.TASK_RECORD_DISCHARGE)).as("48h after notice").hasSize(1);
        assertThat(discharge).hasPassed(HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED);
        assertThat(task(HospitalDischarge.TASK_RECORD_DISCHARGE, discharge)).hasCandidateGroup("ward-clinicians");

        Instant dischargedAt = now();
        complete(id, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(dischargedAt),
                "dischargeDestination", "home"));

        assertThat(discharge).isEnded().hasPassed(HospitalDischarge.SERVICE_NOTIFY_SERVICES_OF_DISCHARGE,
                HospitalDischarge.END_DISCHARGED);
        assertThat(notifications.forPathway(id)).filteredOn(n -> n.event().equals("discharged"))
                .extracting(PartnerNotification::recipientRole)
                .containsExactlyInAnyOrder("gp-practice", "community-mh-team", "crisis-team");
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.dischargedAt()).isEqualTo(dischargedAt);
        assertThat(record.dischargeDestination()).isEqualTo("home");
    }

    /** PATHWAY.md section 2, Key Stage 3: the 48 hours count from when notice was given, as the clinician records it. */
    @Test
    void noticePeriodCountsFromWhenNoticeWasGivenNotFromWhenItWasRecorded() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        complete(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "Home with CMHT",
                "estimatedDischargeDate", "2026-03-04", "eddChangeReason", "Date agreed with the community team"));

        // notice given by phone yesterday evening, recorded this morning
        Instant noticeGivenAt = now().minus(Duration.ofHours(14));
        complete(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(noticeGivenAt),
                "plannedDischargeAt", iso(noticeGivenAt.plus(NOTICE_PERIOD)), "noticeGivenTo", noticeGivenTo()));
        prepareForDischarge(id);

        later(Duration.ofHours(33).plusMinutes(59));
        fireDueTimers(id);
        assertThat(openTasks(id, HospitalDischarge.TASK_RECORD_DISCHARGE)).as("47h59m after notice").isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        assertThat(now()).isEqualTo(noticeGivenAt.plus(NOTICE_PERIOD));
        assertThat(openTasks(id, HospitalDischarge.TASK_RECORD_DISCHARGE)).as("48h after notice").hasSize(1);
    }

    @Test
    void dischargeWaitsForRiskAssessmentAndFollowUpArrangementsAfterNoticePeriod() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        complete(id, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "Supported housing",
                "estimatedDischargeDate", "2026-03-06", "eddChangeReason", "Date agreed with the community team"));
        giveNoticeNow(id);

        later(NOTICE_PERIOD.plusHours(12));
        fireDueTimers(id);
        assertThat(discharge).hasPassed(HospitalDischarge.TIMER_NOTICE_PERIOD_ELAPSED);
        assertWaitingAt(discharge, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE);
        assertThat(openTasks(id, HospitalDischarge.TASK_RECORD_DISCHARGE)).isEmpty();

        prepareForDischarge(id);
        assertWaitingAt(discharge, HospitalDischarge.TASK_RECORD_DISCHARGE);
    }

    // ---- steps ----

    /**
     * PATHWAY.md section 2, Key Stage 3: a person found no longer clinically ready while support was being arranged
     * leaves this model; the stay waits for readiness again.
     */
    @Test
    void dischargeEndsWhenThePersonIsNoLongerClinicallyReadyWhileSupportIsArranged() {
        ProcessInstance discharge = startDischarge();
        String id = discharge.getBusinessKey();
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "placement", "delayAttribution", "nhs", "delayNotes", "Awaiting a placement"));
        complete(id, PlannedSupport.TASK_RESOLVE_DELAYED_DISCHARGE, Map.of("delayOutcome", "no-longer-clinically-ready",
                "resolutionNotes", "Relapse; treatment resumed"));

        assertThat(discharge).isEnded().hasPassed(HospitalDischarge.GATEWAY_STILL_CLINICALLY_READY,
                HospitalDischarge.END_NO_LONGER_CLINICALLY_READY).hasNotPassed(HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(discharge.getId())
                .variableName("clinicallyReadyForDischarge").singleResult().getValue()).isEqualTo(false);
    }

    private ProcessInstance startDischarge() {
        return startCalledModel(HospitalDischarge.KEY, Map.of("crfdAt", iso(now()), "clinicallyReadyForDischarge", true));
    }

    private void giveNoticeNow(String id) {
        complete(id, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(now()),
                "plannedDischargeAt", iso(now().plus(NOTICE_PERIOD)), "noticeGivenTo", noticeGivenTo()));
    }

    private void prepareForDischarge(String id) {
        complete(id, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(now().plus(Duration.ofHours(60))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
    }

    private Task onlyTask(String id, String taskKey) {
        List<Task> open = openTasks(id, taskKey);
        assertThat(open).hasSize(1);
        return open.get(0);
    }

}
