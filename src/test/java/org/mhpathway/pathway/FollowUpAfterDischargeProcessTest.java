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
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.sla.SlaBreaches.SlaBreach;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code follow-up-after-discharge}: one test per path (PATHWAY.md section 2, Key Stage 3, and section 5). */
class FollowUpAfterDischargeProcessTest extends ProcessTestCase {

    @Autowired PathwayMessages pathwayMessages;

    private static final Duration FOLLOW_UP_ALLOWANCE = Duration.ofHours(72);
    private static final Duration GP_SUMMARY_ALLOWANCE = Duration.ofDays(7);

    @Test
    void endsWhenFollowUpWithin72HoursNeedsNoMoreSupportAndGpSummaryIsSent() {
        Instant dischargedAt = now();
        ProcessInstance followUp = startFollowUp(dischargedAt);
        String id = followUp.getBusinessKey();
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP,
                FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);
        assertThat(task(FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP, followUp)).hasCandidateGroup("community-mh-team");
        assertThat(task(FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY, followUp)).hasCandidateGroup("ward-clinicians");

        later(Duration.ofHours(30));
        Instant followedUpAt = now();
        completeFollowUp(id, false);

        assertThat(followUp).hasPassed(FollowUpAfterDischarge.GATEWAY_ADDITIONAL_SUPPORT_NEEDED,
                FollowUpAfterDischarge.GATEWAY_SUPPORT_ARRANGED).hasNotPassed(FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT);
        assertThat(register.find(id).orElseThrow().followUpCompletedAt()).isEqualTo(followedUpAt);
        assertThat(followUp).as("the GP summary is still owed").isNotEnded();
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);

        later(Duration.ofDays(2));
        Instant summarySentAt = now();
        sendGpSummary(id);

        assertThat(followUp).isEnded().hasPassed(FollowUpAfterDischarge.END_FOLLOW_UP_COMPLETED)
                .hasNotPassed(FollowUpAfterDischarge.CALL_RESPOND_TO_MISSED_FOLLOW_UP,
                        FollowUpAfterDischarge.CALL_RESPOND_TO_MISSED_GP_SUMMARY);
        assertThat(register.find(id).orElseThrow().gpSummarySentAt()).isEqualTo(summarySentAt);
        assertThat(breaches.forPathway(id)).isEmpty();
        assertThat(followUp).hasPassed(FollowUpAfterDischarge.SERVICE_TELL_GP_SUMMARY_SENT);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event() + "/" + n.recipientRole())
                .containsExactly("gp-discharge-summary/gp-practice");
    }

    /** PATHWAY.md section 2, Key Stage 3: when follow-up shows more support is needed, it is arranged promptly. */
    @Test
    void arrangesAdditionalSupportWhenFollowUpShowsItIsNeeded() {
        ProcessInstance followUp = startFollowUp(now());
        String id = followUp.getBusinessKey();
        later(Duration.ofDays(1));
        sendGpSummary(id);
        assertThat(followUp).isNotEnded();

        later(Duration.ofHours(12));
        completeFollowUp(id, true);

        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT);
        assertThat(task(FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT, followUp)).hasCandidateGroup("community-mh-team");
        assertThat(followUp).isNotEnded();

        complete(id, FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT, Map.of("additionalSupportArranged",
                "Crisis team home visits for two weeks"));

        assertThat(followUp).isEnded().hasPassed(FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT,
                FollowUpAfterDischarge.GATEWAY_SUPPORT_ARRANGED, FollowUpAfterDischarge.END_FOLLOW_UP_COMPLETED);
        assertThat(breaches.forPathway(id)).isEmpty();
    }

    /** PATHWAY.md sections 2 (Key Stage 3) and 5: follow-up within 72 hours of discharge, on the clock. */
    @Test
    void missedFollowUpAt72HoursIsRecordedAndPutToTheCommunityTeam() {
        Instant dischargedAt = now();
        ProcessInstance followUp = startFollowUp(dischargedAt);
        String id = followUp.getBusinessKey();

        later(FOLLOW_UP_ALLOWANCE.minusMinutes(1));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).as("71h59m after discharge").isEmpty();
        assertThat(followUp).hasNotPassed(FollowUpAfterDischarge.TIMER_FOLLOW_UP_OVERDUE);

        later(Duration.ofMinutes(1));
        fireDueTimers(id);

        assertThat(followUp).hasPassed(FollowUpAfterDischarge.TIMER_FOLLOW_UP_OVERDUE,
                FollowUpAfterDischarge.SERVICE_TELL_TEAM_FOLLOW_UP_OVERDUE);
        assertThat(notifications.forPathway(id)).extracting(n -> n.event() + "/" + n.recipientRole())
                .containsExactly("follow-up-overdue/community-mh-team");
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP,
                FollowUpAfterDischarge.CALL_RESPOND_TO_MISSED_FOLLOW_UP, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);
        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.slaCode()).isEqualTo("follow-up");
            assertThat(breach.dueAt()).isEqualTo(dischargedAt.plus(FOLLOW_UP_ALLOWANCE));
            assertThat(breach.breachedAt()).isEqualTo(now());
            assertThat(breach.responsibleGroup()).isEqualTo("community-mh-team");
            assertThat(breach.respondedAt()).isNull();
        });
        ProcessInstance response = instanceOf(id, SlaBreachResponse.KEY);
        Task respond = task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, response);
        assertThat(respond.getDescription()).isEqualTo("Missed deadline: Follow-up within 72 hours of discharge");
        assertThat(respond).hasCandidateGroup("community-mh-team");

        later(Duration.ofHours(2));
        Instant respondedAt = now();
        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of("breachResponse",
                "Person not at home; visit rebooked for tomorrow"));

        assertThat(response).isEnded();
        assertThat(followUp).hasPassed(FollowUpAfterDischarge.END_FOLLOW_UP_BREACH_HANDLED);
        SlaBreach responded = breaches.forPathway(id).get(0);
        assertThat(responded.respondedAt()).isEqualTo(respondedAt);
        assertThat(responded.response()).isEqualTo("Person not at home; visit rebooked for tomorrow");

        // the follow-up itself is still owed, late
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);
        later(Duration.ofHours(20));
        completeFollowUp(id, false);
        sendGpSummary(id);
        assertThat(followUp).isEnded().hasPassed(FollowUpAfterDischarge.END_FOLLOW_UP_COMPLETED);
        assertThat(breaches.forPathway(id)).hasSize(1);
    }

    /** PATHWAY.md sections 2 (Key Stage 3) and 5: discharge summary to the GP within a week (7 days) of discharge. */
    @Test
    void missedGpSummaryAt7DaysIsRecordedAndPutToTheWardClinicians() {
        Instant dischargedAt = now();
        ProcessInstance followUp = startFollowUp(dischargedAt);
        String id = followUp.getBusinessKey();
        later(Duration.ofHours(40));
        completeFollowUp(id, false);
        assertThat(followUp).isNotEnded();

        later(Duration.between(now(), dischargedAt.plus(GP_SUMMARY_ALLOWANCE)).minusMinutes(1));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).as("6 days 23h59m after discharge").isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);

        assertThat(followUp).hasPassed(FollowUpAfterDischarge.TIMER_GP_SUMMARY_OVERDUE);
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY,
                FollowUpAfterDischarge.CALL_RESPOND_TO_MISSED_GP_SUMMARY);
        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.slaCode()).isEqualTo("gp-discharge-summary");
            assertThat(breach.dueAt()).isEqualTo(dischargedAt.plus(GP_SUMMARY_ALLOWANCE));
            assertThat(breach.responsibleGroup()).isEqualTo("ward-clinicians");
        });
        ProcessInstance response = instanceOf(id, SlaBreachResponse.KEY);
        Task respond = task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, response);
        assertThat(respond.getDescription()).isEqualTo("Missed deadline: Discharge summary to the GP within 7 days");
        assertThat(respond).hasCandidateGroup("ward-clinicians");

        later(Duration.ofHours(1));
        Instant respondedAt = now();
        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of("breachResponse", "Summary sent today"));

        assertThat(response).isEnded();
        assertThat(followUp).hasPassed(FollowUpAfterDischarge.END_GP_SUMMARY_BREACH_HANDLED).isNotEnded();
        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.respondedAt()).isEqualTo(respondedAt);
            assertThat(breach.response()).isEqualTo("Summary sent today");
        });

        Instant summarySentAt = now();
        sendGpSummary(id);
        assertThat(followUp).isEnded().hasPassed(FollowUpAfterDischarge.END_FOLLOW_UP_COMPLETED);
        assertThat(register.find(id).orElseThrow().gpSummarySentAt()).isEqualTo(summarySentAt);
    }

    /**
     * The community team's answer (POST /api/partner-messages) closes the follow-up step as completing the task
     * would: the task and its 72-hour timer go, the register gets the time of contact, and what the answer says
     * about more support decides the next step.
     */
    @Test
    void followUpReportedByTheCommunityTeamClosesTheStepAsCompletingTheTaskWould() {
        ProcessInstance followUp = startFollowUp(now());
        String id = followUp.getBusinessKey();
        later(Duration.ofHours(20));
        Instant visitedAt = now().minus(Duration.ofHours(2));

        assertThat(pathwayMessages.followUpWaiting(id)).isTrue();
        assertThat(pathwayMessages.followUpCompleted(id, visitedAt, true, "cmht-derby-city", "Low mood; needs more")).isTrue();

        assertThat(followUp).hasPassed(FollowUpAfterDischarge.MESSAGE_FOLLOW_UP_REPORTED_BY_TEAM,
                FollowUpAfterDischarge.GATEWAY_ADDITIONAL_SUPPORT_NEEDED);
        assertThat(openTasks(id, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP)).isEmpty();
        assertWaitingAt(followUp, FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT,
                FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY);
        assertThat(register.find(id).orElseThrow().followUpCompletedAt()).isEqualTo(visitedAt);
        assertThat(runtime.getVariable(followUp.getId(), "followUpReportedBy")).isEqualTo("cmht-derby-city");
        assertThat(runtime.getVariable(followUp.getId(), "followUpOutcome")).isEqualTo("Low mood; needs more");
        assertThat(pathwayMessages.followUpWaiting(id)).as("nothing left to report").isFalse();
        assertThat(pathwayMessages.followUpCompleted(id, now(), false, "cmht-derby-city", null)).isFalse();

        later(FOLLOW_UP_ALLOWANCE);
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).as("the 72-hour timer went with the task").isEmpty();
        complete(id, FollowUpAfterDischarge.TASK_ARRANGE_ADDITIONAL_SUPPORT, Map.of("additionalSupportArranged",
                "Weekly CPN visits"));
        sendGpSummary(id);
        assertThat(followUp).isEnded().hasPassed(FollowUpAfterDischarge.END_FOLLOW_UP_COMPLETED);
        assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(followUp.getId())
                .taskDefinitionKey(FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP).singleResult().getDeleteReason())
                .as("withdrawn, not completed by anyone in Tasklist").isNotEqualTo("completed");
    }

    private ProcessInstance startFollowUp(Instant dischargedAt) {
        return startCalledModel(FollowUpAfterDischarge.KEY, Map.of("dischargedAt", iso(dischargedAt),
                "dischargeDestination", "home"));
    }
}
