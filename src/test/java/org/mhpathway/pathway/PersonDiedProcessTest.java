package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.delay.DelayPeriodRecords;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayProcesses.PartnerNoticeDelivery;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.views.PathwayQuery;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code inpatient-pathway}'s event subprocess <i>Person died</i>: a death recorded at any point of the pathway ends
 * every running step, tells the GP, the community team and the commissioner, and closes the pathway with no
 * follow-up after discharge (issue 14, item 3).
 */
class PersonDiedProcessTest extends ProcessTestCase {

    @Autowired PathwayMessages messages;
    @Autowired ManagementService management;
    @Autowired DelayPeriodRecords delays;
    @Autowired PathwayQuery pathwayQuery;

    @Test
    void deathDuringKeyStage1EndsTheStayAndTellsGpTeamAndCommissioner() {
        String id = admitted();
        complete(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission", "Treat relapse",
                "purposeAgreedWithPerson", true));
        later(Duration.ofHours(20));
        Instant diedAt = now().minus(Duration.ofHours(1));

        assertThat(messages.personDied(id, diedAt, "On the ward", "Found unresponsive")).isTrue();
        // recorded at once; the pathway closes when the notices of the death are recorded
        assertThat(pathwayQuery.view(id).stage()).isEqualTo(Stage.CLOSED_AFTER_DEATH);
        fireDueTimers(id);

        ProcessInstance pathway = instanceOf(id, InpatientPathway.KEY);
        assertThat(pathway).isEnded().hasPassed(InpatientPathway.START_PERSON_DIED, InpatientPathway.SERVICE_RECORD_DEATH,
                InpatientPathway.SERVICE_NOTIFY_PARTNERS_OF_DEATH, InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH)
                .hasNotPassed(InpatientPathway.CALL_FOLLOW_UP_AFTER_DISCHARGE);
        assertNothingLeftRunning(id);
        assertThat(deathNotices(id)).containsExactlyInAnyOrder("gp-practice", "community-mh-team", "commissioner");
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.outcome()).isEqualTo("died");
        assertThat(record.diedAt()).isEqualTo(diedAt);
        // the stay ends at the death, which is no discharge: its destination keeps it out of every discharge indicator
        assertThat(record.dischargedAt()).isEqualTo(diedAt);
        assertThat(record.dischargeDestination()).isEqualTo("died");
        // a step ended by the death records nothing: Key Stage 1 was not completed
        assertThat(record.keyStage1CompletedAt()).isNull();
        assertThat(register.openPathwayOf(record.nhsNumber())).isEmpty();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pathway.getId())
                .variableName(InpatientPathway.PLACE_OF_DEATH).singleResult().getValue()).isEqualTo("On the ward");
    }

    @Test
    void deathDuringTheStayEndsTheReviewsAndTheirTimers() {
        String id = admitted();
        completeKeyStage1(id);
        later(Duration.ofDays(8));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_RECORD_RED_TO_GREEN_DAY)).isNotEmpty();
        assertThat(management.createJobQuery().processInstanceId(instanceOf(id, InpatientReviews.KEY).getId()).count())
                .isPositive();

        assertThat(messages.personDied(id, now(), null, null)).isTrue();
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientPathway.KEY)).isEnded().hasPassed(InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH);
        assertNothingLeftRunning(id);
        assertThat(register.find(id).orElseThrow().crfdAt()).isNull();
        assertThat(deathNotices(id)).containsExactlyInAnyOrder("gp-practice", "community-mh-team", "commissioner");
        // the reviews' timers are gone: a month on, nothing falls due
        later(Duration.ofDays(30));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();
    }

    @Test
    void deathDuringADelayedDischargeEndsTheDelayItsLadderAndTheHousingEscalation() {
        String id = admitted();
        complete(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission", "Treat relapse",
                "purposeAgreedWithPerson", true));
        complete(id, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary", "Relapse",
                "carePlanSummary", "Medication review", "carePlanCoProduced", true));
        complete(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-03-30",
                "intendedDestination", "home", "housingNeed", true, "housingNeedDetails", "Tenancy lost"));
        complete(id, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt", iso(now()),
                "treatmentCommencedAt", iso(now())));
        confirmClinicallyReady(id);
        complete(id, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", false,
                "delayReason", "housing", "delayAttribution", "social-care",
                "responsibleLocalAuthority", "Derby City Council", "delayNotes", "Tenancy lost during admission"));
        later(Duration.ofDays(4));
        fireDueTimers(id);
        ProcessInstance housing = instanceOf(id, HousingEscalation.KEY);
        assertThat(housing).isActive();
        assertThat(delays.open(id)).isPresent();
        assertThat(instanceOf(id, PathwayProcesses.DelayedDischargeEscalation.KEY)).isActive();

        assertThat(messages.personDied(id, now(), "General hospital", null)).isTrue();
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientPathway.KEY)).isEnded().hasPassed(InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH);
        assertNothingLeftRunning(id);
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(housing.getId()).singleResult()
                .getDeleteReason()).isEqualTo("person died");
        assertThat(delays.open(id)).isEmpty();
        assertThat(deathNotices(id)).containsExactlyInAnyOrder("gp-practice", "community-mh-team", "commissioner");
        assertThat(register.find(id).orElseThrow().outcome()).isEqualTo("died");
    }

    /** A repatriation review the death cancels records nothing: the person was not repatriated. */
    @Test
    void deathWhileARepatriationReviewIsOpenLeavesThePlacementAsItWas() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, true);
        completeKeyStage1(id);
        later(Duration.ofDays(8));
        fireDueTimers(id);
        assertThat(openTasks(id, InpatientReviews.TASK_REVIEW_REPATRIATION)).isNotEmpty();

        assertThat(messages.personDied(id, now(), "Out-of-area unit", null)).isTrue();
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientPathway.KEY)).isEnded().hasPassed(InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH);
        assertNothingLeftRunning(id);
        assertThat(register.find(id).orElseThrow().outOfArea()).isTrue();
        assertThat(deathNotices(id)).containsExactlyInAnyOrder("gp-practice", "community-mh-team", "commissioner");
    }

    @Test
    void deathBeforeAdmissionClosesThePathwayWithoutAStay() {
        String id = refer("adult-acute", false);
        later(Duration.ofHours(2));

        assertThat(messages.personDied(id, now(), null, null)).isTrue();
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientPathway.KEY)).isEnded().hasPassed(InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH)
                .hasNotPassed(InpatientPathway.CALL_INPATIENT_STAY);
        assertNothingLeftRunning(id);
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.outcome()).isEqualTo("died");
        assertThat(record.dischargedAt()).isNull();
        assertThat(record.dischargeDestination()).isEqualTo("died");
    }

    /** A death before the follow-up: the discharge stays as recorded, and the follow-up and its 72-hour clock end. */
    @Test
    void deathAfterDischargeEndsTheFollowUpAndKeepsTheDischarge() {
        String id = admitted();
        completeKeyStage1(id);
        confirmClinicallyReady(id);
        dischargeWithSupportInPlace(id, "home");
        Instant dischargedAt = now();
        assertThat(instanceOf(id, FollowUpAfterDischarge.KEY)).isActive();
        later(Duration.ofHours(30));

        assertThat(messages.personDied(id, now(), null, null)).isTrue();
        fireDueTimers(id);
        later(Duration.ofDays(8));
        fireDueTimers(id);

        assertThat(instanceOf(id, InpatientPathway.KEY)).isEnded().hasPassed(InpatientPathway.END_PATHWAY_CLOSED_AFTER_DEATH)
                .hasNotPassed(InpatientPathway.END_PATHWAY_COMPLETED);
        assertNothingLeftRunning(id);
        assertThat(breaches.forPathway(id)).isEmpty();
        assertThat(notifications.forPathway(id)).extracting(n -> n.event()).doesNotContain("follow-up-overdue");
        PathwayRecord record = register.find(id).orElseThrow();
        assertThat(record.dischargedAt()).isEqualTo(dischargedAt);
        assertThat(record.dischargeDestination()).isEqualTo("home");
        assertThat(record.diedAt()).isNotNull();
        assertThat(record.outcome()).isEqualTo("died");
    }

    @Test
    void aClosedPathwayTakesNoDeath() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, false);
        assertThat(messages.personDied(id, now(), null, null)).isFalse();
        assertThat(register.find(id).orElseThrow().outcome()).isEqualTo("community-alternative");
    }

    @Test
    void aDeathIsRecordedOnce() {
        String id = admitted();
        assertThat(messages.personDied(id, now(), null, null)).isTrue();
        assertThat(messages.personDied(id, now(), null, null)).isFalse();
        fireDueTimers(id);
        assertThat(deathNotices(id)).hasSize(3);
    }

    private String admitted() {
        String id = refer("adult-acute", false);
        assessAndDecide(id, true);
        allocateBed(id, false);
        return id;
    }

    private List<String> deathNotices(String id) {
        return notifications.forPathway(id).stream().filter(n -> n.event().equals("died")).map(n -> n.recipientRole())
                .toList();
    }

    /** Nothing of the pathway runs but the delivery of notices already recorded, and no job waits but theirs. */
    private void assertNothingLeftRunning(String id) {
        List<ProcessInstance> running = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).list();
        assertThat(running).extracting(ProcessInstance::getProcessDefinitionKey)
                .allMatch(PartnerNoticeDelivery.KEY::equals);
        assertThat(runtime.createExecutionQuery().processInstanceBusinessKey(id).list())
                .allMatch(e -> running.stream().anyMatch(p -> p.getId().equals(e.getProcessInstanceId())));
        assertThat(tasks.createTaskQuery().processInstanceBusinessKey(id).count()).isZero();
        assertThat(management.createJobQuery().list()).noneMatch(job -> job.getProcessInstanceId() != null
                && history.createHistoricProcessInstanceQuery().processInstanceId(job.getProcessInstanceId())
                .processInstanceBusinessKey(id).count() > 0
                && !PartnerNoticeDelivery.KEY.equals(job.getProcessDefinitionKey()));
    }

}
